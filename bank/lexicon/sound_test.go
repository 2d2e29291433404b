package lexicon

import (
	"bytes"
	"encoding/binary"
	"flag"
	"os"
	"strings"
	"testing"

	pinyin "github.com/mozillazg/go-pinyin"
)

var updateSounds = flag.Bool("update-sounds", false, "write data/sounds.bin from go-pinyin's table")

// soundsFromPinyin derives the sound table from go-pinyin: each character's
// first reading, tones stripped, numbered in order of first appearance.
func soundsFromPinyin() []byte {
	ids := map[string]uint16{}
	out := make([]byte, 2*(lastSound-firstSound+1))
	for r := rune(firstSound); r <= lastSound; r++ {
		reading, ok := pinyin.PinyinDict[int(r)]
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(reading, ",")
		s := toneless.Replace(first)
		id, ok := ids[s]
		if !ok {
			id = uint16(len(ids) + 1)
			ids[s] = id
		}
		binary.LittleEndian.PutUint16(out[2*(r-firstSound):], id)
	}
	return out
}

var toneless = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a",
	"ē", "e", "é", "e", "ě", "e", "è", "e", "ế", "e", "ề", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i",
	"ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v",
	"ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m",
)

// TestSoundTable: the embedded table is go-pinyin's readings, as the
// lexicon built them at start-up before it was generated.
func TestSoundTable(t *testing.T) {
	want := soundsFromPinyin()
	if *updateSounds {
		if err := os.WriteFile("data/sounds.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(soundsBin, want) {
		t.Fatalf("data/sounds.bin differs from go-pinyin's table (%d bytes, want %d): regenerate it with -update-sounds", len(soundsBin), len(want))
	}
	for _, c := range []struct {
		a, b rune
		same bool
	}{{'备', '被', true}, {'份', '分', true}, {'份', '策', false}} {
		if got := Sound(c.a) == Sound(c.b); got != c.same || Sound(c.a) == 0 {
			t.Errorf("Sound(%c) = %d, Sound(%c) = %d: same %v, want %v", c.a, Sound(c.a), c.b, Sound(c.b), got, c.same)
		}
	}
	if Sound('a') != 0 || Sound(0xA000) != 0 {
		t.Error("a character outside U+4E00–U+9FFF has a sound")
	}
}
