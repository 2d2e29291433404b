package speech

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultFillers are the filler words counted when no list is configured:
// the hesitations and crutch words of spoken Chinese and English answers.
var DefaultFillers = []string{"嗯", "啊", "呃", "然后", "就是", "那个", "对吧", "um", "uh", "like", "you know"}

// DefaultLongPause is the silence between two stretches of speech that
// counts as a long pause.
const DefaultLongPause = 3 * time.Second

// Unit is what a speaking rate counts.
type Unit string

// The units of a speaking rate: Chinese characters, or words of a
// language written with spaces.
const (
	Chars Unit = "char"
	Words Unit = "word"
)

// Options configure Analyze. Zero fields take the defaults.
type Options struct {
	// Fillers are the filler words to count; default DefaultFillers.
	Fillers []string
	// LongPause is the shortest silence between segments reported as a
	// long pause; default DefaultLongPause.
	LongPause time.Duration
}

// FillerCount is how often one filler word was said.
type FillerCount struct {
	Word  string
	Count int
}

// Pause is a silence between two segments.
type Pause struct {
	At     time.Duration // where in the recording it starts
	Length time.Duration
}

// Delivery is how an answer was spoken.
type Delivery struct {
	// Duration is the recording's length.
	Duration time.Duration
	// Unit is what Units counts: Chars when the transcript is mostly
	// Chinese (or Japanese, Korean), else Words. Units counts both CJK
	// characters and words, so a Chinese answer with English terms is
	// measured whole.
	Unit  Unit
	Units int
	// PerMinute is the speaking rate: Units per minute of recording.
	PerMinute float64
	// Fillers is the number of filler words, FillersPerMinute their rate;
	// TopFillers the three most frequent, most frequent first.
	Fillers          int
	FillersPerMinute float64
	TopFillers       []FillerCount
	// Timed is set when the transcript had segment times, so pauses could
	// be measured; Pauses are the long ones, in order.
	Timed  bool
	Pauses []Pause
}

// Analyze measures a transcript spoken over duration (the recording's
// length; when 0, the transcript's own or its last segment's end).
func Analyze(t Transcript, duration time.Duration, o Options) Delivery {
	if o.Fillers == nil {
		o.Fillers = DefaultFillers
	}
	if o.LongPause <= 0 {
		o.LongPause = DefaultLongPause
	}
	if duration <= 0 {
		duration = t.Duration
	}
	if duration <= 0 && len(t.Segments) > 0 {
		duration = t.Segments[len(t.Segments)-1].End
	}
	d := Delivery{Duration: duration}
	han, words := countUnits(t.Text)
	d.Units, d.Unit = han+words, Words
	if han > 0 && han >= words {
		d.Unit = Chars
	}
	counts, _ := newMatcher(o.Fillers).find(t.Text)
	for w, n := range counts {
		d.Fillers += n
		d.TopFillers = append(d.TopFillers, FillerCount{Word: w, Count: n})
	}
	order := map[string]int{}
	for i, f := range o.Fillers {
		if _, ok := order[f]; !ok {
			order[f] = i
		}
	}
	sort.Slice(d.TopFillers, func(i, j int) bool {
		a, b := d.TopFillers[i], d.TopFillers[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return order[a.Word] < order[b.Word]
	})
	if len(d.TopFillers) > 3 {
		d.TopFillers = d.TopFillers[:3]
	}
	if minutes := duration.Minutes(); minutes > 0 {
		d.PerMinute = float64(d.Units) / minutes
		d.FillersPerMinute = float64(d.Fillers) / minutes
	}
	d.Timed, d.Pauses = pauses(t.Segments, o.LongPause)
	return d
}

// pauses returns the silences of at least long between segments. timed is
// false when the segments carry no times.
func pauses(segs []Segment, long time.Duration) (timed bool, out []Pause) {
	for _, s := range segs {
		if s.End > 0 {
			timed = true
		}
	}
	if !timed {
		return false, nil
	}
	sorted := append([]Segment(nil), segs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	end := sorted[0].End
	for _, s := range sorted[1:] {
		if gap := s.Start - end; gap >= long {
			out = append(out, Pause{At: end, Length: gap})
		}
		end = max(end, s.End)
	}
	return true, out
}

// PaceRange is the speaking rate a listener follows comfortably in an
// interview answer, per unit: 160–260 Chinese characters a minute (calm
// conversation runs near 200, a newsreader near 280), 110–170 English
// words a minute.
func PaceRange(u Unit) (lo, hi float64) {
	if u == Chars {
		return 160, 260
	}
	return 110, 170
}

// UnitOf returns the unit a text's speaking rate is counted in: Chars
// when it is mostly CJK characters, else Words.
func UnitOf(text string) Unit {
	han, words := countUnits(text)
	if han > 0 && han >= words {
		return Chars
	}
	return Words
}

// countUnits counts the CJK characters and the other words of a text.
func countUnits(s string) (han, words int) {
	inWord := false
	for _, r := range s {
		switch {
		case isCJK(r):
			han++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (inWord && (r == '\'' || r == '’')):
			if !inWord {
				words++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return han, words
}

// isCJK reports whether r is a Chinese character, or Japanese kana or a
// Korean syllable: scripts that are counted by the character.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// StripFillers removes the filler words from a transcript, so that a
// grader reads what was said and not the hesitations around it.
func StripFillers(text string, fillers []string) string {
	if fillers == nil {
		fillers = DefaultFillers
	}
	_, spans := newMatcher(fillers).find(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	prev := 0
	for _, sp := range spans {
		b.WriteString(text[prev:sp[0]])
		if sp[2] == 1 { // a word: keep the words around it apart
			b.WriteByte(' ')
		}
		prev = sp[1]
	}
	b.WriteString(text[prev:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// matcher finds filler words: CJK fillers anywhere, other fillers as whole
// words, case-insensitively, with any spacing between their words; the
// longest filler wins where several start.
type matcher struct {
	fillers []filler
}

type filler struct {
	word  string   // as configured
	parts []string // lower-case words of a spaced filler; nil for CJK
	cjk   string
}

func newMatcher(words []string) matcher {
	var m matcher
	seen := map[string]bool{}
	for _, w := range words {
		w = strings.TrimSpace(w)
		key := strings.ToLower(w)
		if w == "" || seen[key] {
			continue
		}
		seen[key] = true
		f := filler{word: w}
		if r, _ := utf8.DecodeRuneInString(w); isCJK(r) {
			f.cjk = w
		} else {
			f.parts = strings.Fields(key)
		}
		m.fillers = append(m.fillers, f)
	}
	sort.SliceStable(m.fillers, func(i, j int) bool { return len(m.fillers[i].word) > len(m.fillers[j].word) })
	return m
}

// find counts the fillers in s by their configured spelling and returns
// the spans [start, end, isWord] they cover, in order.
func (m matcher) find(s string) (map[string]int, [][3]int) {
	counts := map[string]int{}
	var spans [][3]int
	lower := strings.ToLower(s)
	if len(lower) != len(s) {
		lower = s // case folding changed byte offsets: match as written
	}
	for i := 0; i < len(s); {
		matched := false
		for _, f := range m.fillers {
			if end, ok := f.matchAt(lower, i); ok {
				counts[f.word]++
				isWord := 0
				if f.cjk == "" {
					isWord = 1
				}
				spans = append(spans, [3]int{i, end, isWord})
				i, matched = end, true
				break
			}
		}
		if !matched {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return counts, spans
}

// matchAt reports whether the filler starts at byte i of s (lower-cased),
// and where it ends.
func (f filler) matchAt(s string, i int) (int, bool) {
	if f.cjk != "" {
		if strings.HasPrefix(s[i:], f.cjk) {
			return i + len(f.cjk), true
		}
		return 0, false
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); isWordRune(r) {
			return 0, false
		}
	}
	j := i
	for k, p := range f.parts {
		if k > 0 {
			start := j
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r) && r != ',' && r != '，' {
					break
				}
				j += size
			}
			if j == start {
				return 0, false
			}
		}
		if !strings.HasPrefix(s[j:], p) {
			return 0, false
		}
		j += len(p)
	}
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); isWordRune(r) {
			return 0, false
		}
	}
	return j, true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) && !isCJK(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
}
