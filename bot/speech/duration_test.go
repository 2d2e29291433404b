package speech_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/speech"
)

// wav builds a PCM WAV file of seconds of silence; dataSize overrides the
// data chunk's size field when not negative; extra chunks go before data.
func wav(rate, channels, bits int, seconds float64, dataSize int64, extra ...[]byte) []byte {
	n := int(float64(rate*channels*bits/8) * seconds)
	var b bytes.Buffer
	le := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	le(uint32(0)) // a streaming writer does not know the size either
	b.WriteString("WAVEfmt ")
	le(uint32(16))
	le(uint16(1))
	le(uint16(channels))
	le(uint32(rate))
	le(uint32(rate * channels * bits / 8))
	le(uint16(channels * bits / 8))
	le(uint16(bits))
	for _, c := range extra {
		b.Write(c)
	}
	b.WriteString("data")
	if dataSize < 0 {
		le(uint32(n))
	} else {
		le(uint32(dataSize))
	}
	b.Write(make([]byte, n))
	return b.Bytes()
}

// oggPage builds one Ogg page holding payload.
func oggPage(serial uint32, seq uint32, granule uint64, headerType byte, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString("OggS")
	b.WriteByte(0)
	b.WriteByte(headerType)
	_ = binary.Write(&b, binary.LittleEndian, granule)
	_ = binary.Write(&b, binary.LittleEndian, serial)
	_ = binary.Write(&b, binary.LittleEndian, seq)
	_ = binary.Write(&b, binary.LittleEndian, uint32(0)) // CRC: not checked
	var lacing []byte
	n := len(payload)
	for n >= 255 {
		lacing = append(lacing, 255)
		n -= 255
	}
	lacing = append(lacing, byte(n))
	b.WriteByte(byte(len(lacing)))
	b.Write(lacing)
	b.Write(payload)
	return b.Bytes()
}

func TestDurationWAV(t *testing.T) {
	list := append([]byte("LIST"), 3, 0, 0, 0, 'a', 'b', 'c', 0) // odd size, padded
	tests := []struct {
		name string
		data []byte
		want time.Duration
	}{
		{"16 kHz mono", wav(16000, 1, 16, 1.5, -1), 1500 * time.Millisecond},
		{"44.1 kHz stereo", wav(44100, 2, 16, 2, -1), 2 * time.Second},
		{"streamed, size unknown", wav(22050, 1, 16, 3, 0xFFFFFFFF), 3 * time.Second},
		{"streamed, size zero", wav(22050, 1, 16, 0.5, 0), 500 * time.Millisecond},
		{"a chunk before data", wav(8000, 1, 8, 4, -1, list), 4 * time.Second},
	}
	for _, tt := range tests {
		got, ok := speech.Duration(tt.data)
		if !ok || got != tt.want {
			t.Errorf("%s: Duration = %v, %v; want %v", tt.name, got, ok, tt.want)
		}
	}
}

// The recording in testdata is real: espeak-ng's speech (3.53 s as WAV),
// encoded by opusenc.
func TestDurationOggOpus(t *testing.T) {
	data, err := os.ReadFile("testdata/answer.opus.ogg")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := speech.Duration(data)
	if !ok || got < 3500*time.Millisecond || got > 3560*time.Millisecond {
		t.Errorf("Duration = %v, %v; want about 3.53s", got, ok)
	}
	// Cut mid-page: the last whole page still tells.
	cut, ok := speech.Duration(data[:len(data)*2/3])
	if !ok || cut <= 0 || cut >= got {
		t.Errorf("truncated: Duration = %v, %v; want less than %v", cut, ok, got)
	}
}

func TestDurationOggVorbis(t *testing.T) {
	id := make([]byte, 30)
	id[0] = 1
	copy(id[1:], "vorbis")
	binary.LittleEndian.PutUint32(id[12:], 44100)
	var f []byte
	f = append(f, oggPage(7, 0, 0, 2, id)...)
	f = append(f, oggPage(9, 0, 0, 2, []byte("OpusHead\x01\x01\x00\x00"))...) // another stream: ignored
	f = append(f, oggPage(7, 1, 44100*2, 0, make([]byte, 300))...)
	f = append(f, oggPage(7, 2, ^uint64(0), 0, make([]byte, 10))...) // no packet ends here
	f = append(f, oggPage(9, 1, 48000*60, 4, make([]byte, 10))...)
	f = append(f, oggPage(7, 3, 44100*5/2, 4, make([]byte, 10))...)
	if got, ok := speech.Duration(f); !ok || got != 2500*time.Millisecond {
		t.Errorf("Duration = %v, %v; want 2.5s", got, ok)
	}
}

func TestDurationUnknown(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":       nil,
		"mp3":         append([]byte("ID3\x04\x00"), make([]byte, 100)...),
		"text":        []byte("hello"),
		"wav no fmt":  []byte("RIFF\x00\x00\x00\x00WAVEdata\x04\x00\x00\x00abcd"),
		"ogg garbage": []byte("OggS\x00\x02garbage"),
		"ogg speex":   oggPage(1, 0, 0, 2, []byte("Speex   ")),
	} {
		if d, ok := speech.Duration(data); ok {
			t.Errorf("%s: Duration = %v, true; want unknown", name, d)
		}
	}
}
