package lexicon

import (
	_ "embed"
	"encoding/binary"
)

// The sound of each CJK character U+4E00–U+9FFF: a little-endian uint16 a
// character, the number of the toneless pinyin of its first reading in
// github.com/mozillazg/go-pinyin's table (0 when it has none). The table is
// generated (go test ./bank/lexicon -run TestSoundTable -update-sounds)
// rather than built from go-pinyin at start-up: linking go-pinyin cost every
// start its 1.7 MB dictionary, built at package init (7 ms on the 2-core
// sandbox at a load average of 4).
//
//go:embed data/sounds.bin
var soundsBin []byte

// First and last characters the sound table covers.
const (
	firstSound = 0x4E00
	lastSound  = 0x9FFF
)

// Sound returns a number for the toneless pinyin of a CJK character's
// first reading (备 and 被 give the same number; 0 when unknown), so that
// two characters that sound alike compare equal.
func Sound(r rune) uint16 {
	if r < firstSound || r > lastSound {
		return 0
	}
	return binary.LittleEndian.Uint16(soundsBin[2*(r-firstSound):])
}
