package textnorm

import (
	"hash/fnv"
	"unicode/utf8"
)

// Unit is a content unit as a number: what the grader hashes instead of a
// string. A CJK bigram packs its two characters, a single CJK character is
// tagged on its own, and a Latin word is a 62-bit FNV hash (two words share
// a Unit with probability about n²/2⁶³).
type Unit uint64

const (
	bigramTag Unit = 1 << 63
	singleTag Unit = 1 << 62
	hashMask  Unit = singleTag - 1
)

func bigramUnit(a, b rune) Unit { return bigramTag | Unit(a)<<21 | Unit(b) }

func wordUnit(w string) Unit {
	h := fnv.New64a()
	h.Write([]byte(w))
	return Unit(h.Sum64()) & hashMask
}

// UnitOf returns the Unit of a unit string as Units returns it.
func UnitOf(u string) Unit {
	r1, n1 := utf8.DecodeRuneInString(u)
	if IsCJK(r1) {
		if n1 == len(u) {
			return singleTag | Unit(r1)
		}
		if r2, n2 := utf8.DecodeRuneInString(u[n1:]); n1+n2 == len(u) && IsCJK(r2) {
			return bigramUnit(r1, r2)
		}
	}
	return wordUnit(u)
}

// appendUnitKeys appends the Units of a token, the same units Units gives
// as strings.
func appendUnitKeys(keys []Unit, t Token) []Unit {
	if !t.CJK {
		if w := latinUnit(t.Text); w != "" {
			keys = append(keys, wordUnit(w))
		}
		return keys
	}
	var prev rune
	n := 0
	for _, r := range t.Text {
		if IsStopChar(r) {
			continue
		}
		if n > 0 {
			keys = append(keys, bigramUnit(prev, r))
		}
		prev = r
		n++
	}
	if n == 1 {
		keys = append(keys, singleTag|Unit(prev))
	}
	return keys
}

// conceptTag marks a Unit that stands for a lexicon concept (a group of
// synonyms and translations) rather than for its wording. Bigram units
// never set bit 62, so the two tags together are free.
const conceptTag Unit = bigramTag | singleTag

// BigramUnit returns the Unit of two adjacent CJK characters.
func BigramUnit(a, b rune) Unit { return bigramUnit(a, b) }

// SingleUnit returns the Unit of a CJK character standing alone.
func SingleUnit(r rune) Unit { return singleTag | Unit(r) }

// WordUnit returns the Unit of a folded Latin word (as Units gives it).
func WordUnit(w string) Unit { return wordUnit(w) }

// ConceptUnit returns the Unit of concept id: every wording of the
// concept has this one unit.
func ConceptUnit(id int) Unit { return conceptTag | Unit(id) }

// IsBigram reports whether u is the Unit of a CJK character pair, and
// returns the pair.
func (u Unit) IsBigram() (a, b rune, ok bool) {
	if u&conceptTag != bigramTag {
		return 0, 0, false
	}
	return rune(u>>21) & 0x1FFFFF, rune(u & 0x1FFFFF), true
}

// LatinUnit returns the unit string of a folded Latin word: "" for an
// English function word, a plural "s" dropped from longer words.
func LatinUnit(w string) string { return latinUnit(w) }
