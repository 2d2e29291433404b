package lexicon

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

// The English part of speech table (WordNet 3.0, with SemCor's counts) and
// the English stop words (stopwords-iso), loaded on first use: only notes
// in English need them.
var (
	//go:embed data/wordnet.tsv.gz
	wordnetGz []byte
	//go:embed data/stopwords-en.txt
	stopWordsEn string
)

// englishData is the loaded English table and stop words.
type englishData struct {
	pos  map[string]string // word → counts, as "n8v37"
	stop map[string]bool
}

func loadEnglish() englishData {
	return englishData{pos: mustMap(wordnetGz), stop: wordSet(stopWordsEn)}
}

// wordSet reads a list of words, one a line, # comments left out.
func wordSet(text string) map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			m[line] = true
		}
	}
	return m
}

// Parts of speech, the indexes of EnglishWord.Counts.
const (
	Noun = iota
	Verb
	Adjective
	Adverb
)

// EnglishWord is what WordNet says of an English word, through its lemmas
// (built → build, queues → queue): for each part of speech, how often
// SemCor tags the word so, or -1 when WordNet does not give it that part of
// speech.
type EnglishWord struct {
	Counts [4]int
	// Tagged is false for a word WordNet lacks or has only as a noun that
	// SemCor never tags: a name, a technical or a rare term (etcd,
	// callback, webpage), or a typo.
	Tagged bool
}

// Is reports whether WordNet gives the word that part of speech.
func (w EnglishWord) Is(pos int) bool { return w.Counts[pos] >= 0 }

// Dominant returns the part of speech SemCor tags the word with most; a
// tie goes to the noun, then the adjective, the verb and the adverb. An
// untagged word is a noun.
func (w EnglishWord) Dominant() int {
	best, bestN := Noun, -1
	for _, pos := range []int{Noun, Adjective, Verb, Adverb} {
		if w.Counts[pos] > bestN {
			best, bestN = pos, w.Counts[pos]
		}
	}
	return best
}

// Total is how often SemCor tags the word at all.
func (w EnglishWord) Total() int {
	n := 0
	for _, c := range w.Counts {
		n += max(c, 0)
	}
	return n
}

// morphRules are WordNet's detachment rules (morphy): an inflected form's
// ending and the lemma's, by part of speech.
var morphRules = []struct {
	pos          int
	suffix, base string
}{
	{Noun, "s", ""}, {Noun, "ses", "s"}, {Noun, "xes", "x"}, {Noun, "zes", "z"},
	{Noun, "ches", "ch"}, {Noun, "shes", "sh"}, {Noun, "men", "man"}, {Noun, "ies", "y"},
	{Verb, "s", ""}, {Verb, "ies", "y"}, {Verb, "es", "e"}, {Verb, "es", ""},
	{Verb, "ed", "e"}, {Verb, "ed", ""}, {Verb, "ing", "e"}, {Verb, "ing", ""},
	{Adjective, "er", ""}, {Adjective, "est", ""}, {Adjective, "er", "e"}, {Adjective, "est", "e"},
}

// EnglishPOS returns what WordNet says of an English word (any case).
func (l *Lexicon) EnglishPOS(word string) EnglishWord {
	w := strings.ToLower(word)
	out := EnglishWord{Counts: [4]int{-1, -1, -1, -1}}
	table := l.englishData().pos
	merge := func(lemma string, only int) {
		counts, ok := table[lemma]
		if !ok {
			return
		}
		for counts != "" {
			pos := strings.IndexByte("nvar", counts[0])
			end := 1
			for end < len(counts) && counts[end] >= '0' && counts[end] <= '9' {
				end++
			}
			n, _ := strconv.Atoi(counts[1:end])
			counts = counts[end:]
			if pos < 0 || only >= 0 && pos != only {
				continue
			}
			out.Counts[pos] = max(out.Counts[pos], n)
			out.Tagged = true
		}
	}
	merge(w, -1)
	for _, r := range morphRules {
		if len(w) > len(r.suffix)+1 && strings.HasSuffix(w, r.suffix) {
			merge(w[:len(w)-len(r.suffix)]+r.base, r.pos)
		}
	}
	return out
}

// IsEnglishStopWord reports whether a word (any case) is on the English
// stop word list: function words and the most general words of the
// language (however, since, example, thing, new, use).
func (l *Lexicon) IsEnglishStopWord(word string) bool {
	return l.englishData().stop[strings.ToLower(word)]
}

// EnglishIDF returns how rare an English word is in general English, on
// the scale of GeneralIDF: from SemCor's count, RareIDF for a word it
// never tags (queue, callback), about 3.5 for the most common nouns
// (thing, information).
func (l *Lexicon) EnglishIDF(word string) float64 {
	n := l.EnglishPOS(word).Total()
	return max(RareIDF-1.3*math.Log1p(float64(n)), 1)
}
