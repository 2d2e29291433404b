package lexicon

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// The CC-CEDICT subset: the two directions of the English bridge and the
// tables loaded on first use. The word list is data/words.bin (wordtable.go).
var (
	//go:embed data/english.tsv.gz
	englishGz []byte
	//go:embed data/chinese.tsv.gz
	chineseGz []byte
	//go:embed data/senses.tsv.gz
	sensesGz []byte
	//go:embed data/short.tsv.gz
	shortGz []byte
	//go:embed data/verbs.txt.gz
	verbsGz []byte
	//go:embed data/idf.tsv.gz
	idfGz []byte
)

//go:embed data/terms.txt
var termsTxt string

// maxWordRunes is the longest word the segmenter looks up.
const maxWordRunes = 6

// Lexicon is the loaded word knowledge. It is read-only after loading and
// safe for concurrent use.
type Lexicon struct {
	// words is the word list, read in place.
	words wordTable
	// termStarts and termLong are the Chinese wordings of the concepts
	// (data/terms.txt) that the word list lacks, as starts and long words
	// (addWord); termFirsts has the bit of each one's first character (its
	// low 16 bits), so that most lookups skip the maps.
	termStarts map[uint64]uint8
	termLong   map[string]struct{}
	termFirsts [1 << 10]uint64
	// tables are loaded on first use.
	tables
	// concepts maps a wording (compact form) to its concept's number.
	concepts map[string]int
	// conceptNames holds each concept's first wording.
	conceptNames []string
	// maxLatinWords is the most words a Latin wording of a concept has.
	maxLatinWords int
	// mixedLatin holds the Latin word of each wording that joins it to
	// Chinese (case of 分case, sla of sla协议).
	mixedLatin map[string]bool
}

// Default returns the lexicon built into the binary, loaded on first use.
func Default() *Lexicon { return loadDefault() }

// Warm starts loading, in the background, the default lexicon's word list
// and the two tables that key-pointing Chinese notes needs (the general
// IDF and the verbs), each on its own goroutine, so that a start-up that
// reads notes waits for the longest of the three rather than for all
// three one after another. It returns at once; a first use waits for the
// load under way.
func Warm() {
	go loadDefault()
	go defaultTables.idf()
	go defaultTables.verbs()
}

// tables are the lexicon's tables loaded on first use. They do not depend
// on the word list, so they can load beside it.
type tables struct {
	// english gives a Chinese word's short English glosses.
	english func() table
	// chinese gives the Chinese words a folded English gloss (one or two
	// words) translates.
	chinese func() table
	// senses gives a Chinese word's glosses that few words share: two
	// words with one in common are near-synonyms.
	senses func() map[string]string
	// short gives the characters of a two-character word that say it
	// alone.
	short func() map[string]string
	// verbs holds the words every sense of which is a verb.
	verbs func() map[string]bool
	// idf holds the general-language IDF (×10) of common words.
	idf func() map[string]uint8
	// englishData holds WordNet's parts of speech of English words and the
	// English stop words.
	englishData func() englishData
}

// newTables returns the embedded tables, none loaded yet.
func newTables() tables {
	return tables{
		english:     sync.OnceValue(func() table { return mustTable(englishGz) }),
		chinese:     sync.OnceValue(func() table { return mustTable(chineseGz) }),
		senses:      sync.OnceValue(func() map[string]string { return mustMap(sensesGz) }),
		short:       sync.OnceValue(func() map[string]string { return mustMap(shortGz) }),
		verbs:       sync.OnceValue(func() map[string]bool { return mustSet(verbsGz) }),
		idf:         sync.OnceValue(func() map[string]uint8 { return mustIDF(idfGz) }),
		englishData: sync.OnceValue(loadEnglish),
	}
}

// defaultTables are the default lexicon's.
var defaultTables = newTables()

var loadDefault = sync.OnceValue(func() *Lexicon {
	l, err := parse(wordsBin, termsTxt, defaultTables)
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded data: %v", err)) // the data ships with the binary; tests load it
	}
	return l
})

func parse(words, terms string, t tables) (*Lexicon, error) {
	wt, err := readWordTable(words)
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	l := &Lexicon{words: wt, concepts: map[string]int{}}
	if err := l.parseTerms(terms); err != nil {
		return nil, err
	}
	l.tables = t
	return l, nil
}

// gunzip returns the text of gzipped data. Every word and gloss the
// lexicon keeps is a substring of it: one allocation, none per entry.
func gunzip(gz []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return "", err
	}
	var buf strings.Builder
	buf.Grow(4 * len(gz))
	if _, err := io.Copy(&buf, zr); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func (l *Lexicon) parseTerms(terms string) error {
	for n, line := range strings.Split(terms, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		id := len(l.conceptNames)
		for i, w := range strings.Split(line, "|") {
			w = strings.TrimSpace(w)
			c := textnorm.Compact(w)
			if c == "" {
				return fmt.Errorf("terms.txt:%d: empty wording", n+1)
			}
			if other, dup := l.concepts[c]; dup && other != id {
				return fmt.Errorf("terms.txt:%d: %q is already in the concept %q", n+1, w, l.conceptNames[other])
			}
			l.concepts[c] = id
			if i == 0 {
				l.conceptNames = append(l.conceptNames, w)
			}
			if latin := latinPart(c); latin != "" && latin != c {
				if l.mixedLatin == nil {
					l.mixedLatin = map[string]bool{}
				}
				l.mixedLatin[latin] = true
			}
			if r, _ := utf8.DecodeRuneInString(c); textnorm.IsCJK(r) {
				l.addWord(c)
			} else {
				l.maxLatinWords = max(l.maxLatinWords, len(strings.Fields(w)))
			}
		}
	}
	return nil
}

// addWord adds a concept's Chinese wording to the words, unless the word
// list has it.
func (l *Lexicon) addWord(w string) {
	rs := []rune(w)
	if len(rs) < 2 || len(rs) > maxWordRunes || l.IsWord(w) {
		return
	}
	if l.termStarts == nil {
		l.termStarts, l.termLong = map[uint64]uint8{}, map[string]struct{}{}
	}
	l.termStarts[pairKey(rs[0], rs[1])] |= 1 << len(rs)
	l.termFirsts[uint16(rs[0])>>6] |= 1 << (rs[0] & 63)
	if len(rs) > 2 {
		l.termLong[w] = struct{}{}
	}
}

func pairKey(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

// lengths returns the bit set of the lengths (in characters) of the words
// that start with a and b: bit k for a word of k characters.
func (l *Lexicon) lengths(a, b rune) uint8 {
	n := l.words.lengths(a, b)
	if l.termFirsts[uint16(a)>>6]&(1<<(a&63)) != 0 {
		n |= l.termStarts[pairKey(a, b)]
	}
	return n
}

// isLong reports whether w, of three to maxWordRunes characters, is a
// word.
func (l *Lexicon) isLong(w []rune) bool {
	var buf [maxWordRunes * utf8.UTFMax]byte
	b := buf[:0]
	for _, r := range w {
		b = utf8.AppendRune(b, r)
	}
	if l.words.hasLong(b) {
		return true
	}
	_, ok := l.termLong[string(b)]
	return ok
}

// IsWord reports whether s (CJK characters) is a word of the lexicon.
func (l *Lexicon) IsWord(s string) bool {
	rs := []rune(s)
	if len(rs) < 2 || len(rs) > maxWordRunes {
		return false
	}
	if l.lengths(rs[0], rs[1])&(1<<len(rs)) == 0 {
		return false
	}
	return len(rs) == 2 || l.isLong(rs)
}

// IsPair reports whether the two characters a and b are a word.
func (l *Lexicon) IsPair(a, b rune) bool {
	return l.lengths(a, b)&(1<<2) != 0
}

// Concept returns the number of the concept a wording belongs to (any
// case, width or spacing).
func (l *Lexicon) Concept(wording string) (int, bool) {
	id, ok := l.concepts[textnorm.Compact(wording)]
	return id, ok
}

// InMixedWording reports whether a folded Latin word is part of a concept
// wording that joins it to Chinese (case of 分case): only then is it worth
// looking up with the characters beside it.
func (l *Lexicon) InMixedWording(latin string) bool { return l.mixedLatin[latin] }

// latinPart returns the Latin letters and digits of a compact wording.
func latinPart(c string) string {
	var b strings.Builder
	for _, r := range c {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ConceptOfWord is Concept for a word already in compact form (Chinese
// characters, or folded Latin without spaces): no normalizing, no
// allocation.
func (l *Lexicon) ConceptOfWord(w string) (int, bool) {
	id, ok := l.concepts[w]
	return id, ok
}

// ConceptName returns a concept's first wording.
func (l *Lexicon) ConceptName(id int) string { return l.conceptNames[id] }

// MaxLatinWords is the most words a Latin wording of a concept has.
func (l *Lexicon) MaxLatinWords() int { return l.maxLatinWords }

// Chinese returns the Chinese words an English word or two-word phrase
// (folded as the grader folds words) translates, or nil.
func (l *Lexicon) Chinese(english string) []string { return splitList(l.chinese().lookup(english)) }

// English returns the short English glosses of a Chinese word, or nil.
func (l *Lexicon) English(chinese string) []string { return splitList(l.english().lookup(chinese)) }

// Senses returns the glosses of a Chinese word that 2 to 16 words of
// CC-CEDICT share, folded as the grader folds English words: 经历 and 经验
// both give "experience", 成长 and 发展 "grow". Two words with a sense in
// common are near-synonyms; an English word of a reply is one of its
// senses already.
func (l *Lexicon) Senses(chinese string) []string { return splitList(l.senses()[chinese]) }

// ShortForms returns the characters of a two-character word that CC-CEDICT
// glosses as the word (学 of 学习 "learn", 丢 of 丢失 "lose", 分 of 分配
// "allocate"), "" for none: a reply that says the one character alone says
// the word, the way people type in a hurry (学点东西, 数据丢了).
func (l *Lexicon) ShortForms(chinese string) string { return l.short()[chinese] }

// IsVerb reports whether every sense CC-CEDICT gives a Chinese word is a
// verb ("to …"): 参与, 了解, 提出. Many are also used as nouns (成本优化),
// so this only tells that a phrase cut right after one may have lost its
// object.
func (l *Lexicon) IsVerb(chinese string) bool { return l.verbs()[chinese] }

// RareIDF is the general-language IDF of a word the table does not hold:
// rarer than every word it keeps.
const RareIDF = 11.0

// GeneralIDF returns how rare a Chinese word is in general Chinese text
// (jieba's IDF: 发展 3.6, 观察 6.1, 审计 7.4; RareIDF for a word too rare
// to be listed, such as 痛点 or 预留实例). A key point of words everyone
// uses (创造价值, 观察和思考) says less than one of rare ones.
func (l *Lexicon) GeneralIDF(chinese string) float64 {
	if v, ok := l.idf()[chinese]; ok {
		return float64(v) / 10
	}
	return RareIDF
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// table is a section of sorted "key<TAB>a|b" lines, searched in place:
// building maps of the hundred thousand entries would cost more start-up
// time than all the lookups of a day.
type table struct {
	data  string
	lines []int32 // offsets of the lines, in key order
}

func (t table) key(i int) (key, val string) {
	line := t.data[t.lines[i]:]
	if end := strings.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	key, val, _ = strings.Cut(line, "\t")
	return key, val
}

func (t table) lookup(k string) string {
	i := sort.Search(len(t.lines), func(i int) bool {
		key, _ := t.key(i)
		return key >= k
	})
	if i < len(t.lines) {
		if key, val := t.key(i); key == k {
			return val
		}
	}
	return ""
}

// mustTable reads an embedded table; the data ships with the binary and
// the tests read every table, so a failure is a build defect.
func mustTable(gz []byte) table {
	data, err := gunzip(gz)
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded table: %v", err))
	}
	t := table{data: data}
	for off := 0; off < len(data); {
		end := strings.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		if line := data[off : off+end]; line != "" && line[0] != '#' {
			t.lines = append(t.lines, int32(off))
		}
		off += end + 1
	}
	return t
}

// mustMap reads an embedded table into a map: a reply looks up every one
// of its words, so each lookup must be cheap. Keys and values are
// substrings of the one decompressed text.
func mustMap(gz []byte) map[string]string {
	t := mustTable(gz)
	m := make(map[string]string, len(t.lines))
	for i := range t.lines {
		k, v := t.key(i)
		m[k] = v
	}
	return m
}

// mustSet reads an embedded list of words into a set.
func mustSet(gz []byte) map[string]bool {
	data, err := gunzip(gz)
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded list: %v", err))
	}
	m := map[string]bool{}
	for _, line := range strings.Split(data, "\n") {
		if line != "" && line[0] != '#' {
			m[line] = true
		}
	}
	return m
}

// mustIDF reads the embedded IDF table.
func mustIDF(gz []byte) map[string]uint8 {
	m := mustMap(gz)
	out := make(map[string]uint8, len(m))
	for w, v := range m {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 255 {
			panic(fmt.Sprintf("lexicon: embedded idf: %q for %q", v, w))
		}
		out[w] = uint8(n)
	}
	return out
}
