package speech

import (
	"bytes"
	"encoding/binary"
	"time"
)

// Duration reads a recording's length from the file itself: WAV from its
// format and data chunks, Ogg Opus and Ogg Vorbis from the granule
// position of the last page. ok is false for other formats (MP3, M4A …)
// and for files too damaged to tell.
func Duration(data []byte) (d time.Duration, ok bool) {
	switch {
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WAVE":
		return wavDuration(data)
	case len(data) >= 4 && string(data[:4]) == "OggS":
		return oggDuration(data)
	}
	return 0, false
}

// wavDuration reads a RIFF WAVE file: the byte rate from the fmt chunk,
// the length from the data chunk. A streaming writer (espeak-ng writing to
// a pipe) leaves the data size at 0 or 0xFFFFFFFF: then the rest of the
// file is the data.
func wavDuration(data []byte) (time.Duration, bool) {
	var byteRate uint32
	for off := 12; off+8 <= len(data); {
		id, size := string(data[off:off+4]), binary.LittleEndian.Uint32(data[off+4:off+8])
		body := off + 8
		switch id {
		case "fmt ":
			if body+16 > len(data) {
				return 0, false
			}
			byteRate = binary.LittleEndian.Uint32(data[body+8 : body+12])
		case "data":
			if byteRate == 0 {
				return 0, false
			}
			n := uint64(size)
			if rest := uint64(len(data) - body); n == 0 || n > rest {
				n = rest
			}
			return time.Duration(n * uint64(time.Second) / uint64(byteRate)), true
		}
		next := uint64(body) + uint64(size) + uint64(size&1) // chunks are padded to even sizes
		if next > uint64(len(data)) {
			return 0, false
		}
		off = int(next)
	}
	return 0, false
}

// oggDuration reads an Ogg file: the codec and its clock from the first
// page (Opus always counts 48 kHz samples after a pre-skip; Vorbis counts
// at its sample rate), and the last granule position of that stream.
func oggDuration(data []byte) (time.Duration, bool) {
	first, ok := oggPageAt(data, 0)
	if !ok {
		return 0, false
	}
	var rate, preSkip uint64
	switch p := first.payload; {
	case len(p) >= 12 && string(p[:8]) == "OpusHead":
		rate, preSkip = 48000, uint64(binary.LittleEndian.Uint16(p[10:12]))
	case len(p) >= 16 && p[0] == 1 && string(p[1:7]) == "vorbis":
		rate = uint64(binary.LittleEndian.Uint32(p[12:16]))
	default:
		return 0, false
	}
	if rate == 0 {
		return 0, false
	}
	var last uint64
	found := false
	for off := 0; off < len(data); {
		pg, ok := oggPageAt(data, off)
		if !ok {
			// Damage: look for the next capture pattern.
			i := bytes.Index(data[off+1:], []byte("OggS"))
			if i < 0 {
				break
			}
			off += 1 + i
			continue
		}
		if pg.serial == first.serial && pg.granule != ^uint64(0) {
			last, found = pg.granule, true
		}
		off += pg.size
	}
	if !found || last <= preSkip {
		return 0, found
	}
	return time.Duration((last - preSkip) * uint64(time.Second) / rate), true
}

// oggPage is one page of an Ogg stream.
type oggPage struct {
	granule uint64
	serial  uint32
	payload []byte
	size    int // header and payload
}

// oggPageAt parses the page starting at off.
func oggPageAt(data []byte, off int) (oggPage, bool) {
	const header = 27
	if off < 0 || off+header > len(data) || string(data[off:off+4]) != "OggS" || data[off+4] != 0 {
		return oggPage{}, false
	}
	h := data[off:]
	segments := int(h[26])
	if header+segments > len(h) {
		return oggPage{}, false
	}
	n := 0
	for _, l := range h[header : header+segments] {
		n += int(l)
	}
	start := header + segments
	if start+n > len(h) {
		return oggPage{}, false
	}
	return oggPage{
		granule: binary.LittleEndian.Uint64(h[6:14]),
		serial:  binary.LittleEndian.Uint32(h[14:18]),
		payload: h[start : start+n],
		size:    start + n,
	}, true
}
