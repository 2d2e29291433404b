package lexicon

import (
	"strings"
	"sync"

	pinyin "github.com/mozillazg/go-pinyin"
)

// Sound returns a number for the toneless pinyin of a CJK character's
// first reading (备 and 被 give the same number; 0 when unknown), so that
// two characters that sound alike compare equal.
func Sound(r rune) uint16 {
	t := soundTable()
	if r < 0x4E00 || r > 0x9FFF {
		return 0
	}
	return t[r-0x4E00]
}

// soundTable is built on first use from go-pinyin's table of readings.
var soundTable = sync.OnceValue(func() []uint16 {
	ids := map[string]uint16{}
	t := make([]uint16, 0x9FFF-0x4E00+1)
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		reading, ok := pinyin.PinyinDict[int(r)]
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(reading, ",")
		s := stripTones(first)
		id, ok := ids[s]
		if !ok {
			id = uint16(len(ids) + 1)
			ids[s] = id
		}
		t[r-0x4E00] = id
	}
	return t
})

var toneless = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a",
	"ē", "e", "é", "e", "ě", "e", "è", "e", "ế", "e", "ề", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i",
	"ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v",
	"ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m",
)

func stripTones(s string) string { return toneless.Replace(s) }
