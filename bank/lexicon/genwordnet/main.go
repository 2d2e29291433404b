//go:build ignore

// Command genwordnet writes the English part-of-speech table the lexicon
// embeds (data/wordnet.tsv.gz) from WordNet 3.0 as Debian's package
// wordnet-base ships it, and the English stop words (data/stopwords-en.txt)
// from the npm package stopwords-iso:
//
//	apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wn
//	npm pack stopwords-iso@1.1.0 && tar xzf stopwords-iso-1.1.0.tgz
//	go run ./bank/lexicon/genwordnet/main.go wn/usr/share/wordnet package/stopwords-iso.json bank/lexicon/data
//
// Each line of the table is "word<TAB>counts": for each part of speech the
// word has in WordNet (n noun, v verb, a adjective, r adverb), its letter
// and how often SemCor tags the word in that part of speech (cntlist.rev),
// as in "display<TAB>n8v35". A word that is only a noun and that SemCor
// never tags is left out: to a key point it is the same as a word WordNet
// lacks, a rare term. The irregular forms of the exception lists (built,
// children) get their lemma's counts.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// posIndex maps a part of speech to its letter, in the order lines write
// them.
var posIndex = []struct{ file, letter string }{{"noun", "n"}, {"verb", "v"}, {"adj", "a"}, {"adv", "r"}}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: genwordnet WORDNET_DIR stopwords-iso.json OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "genwordnet:", err)
		os.Exit(1)
	}
}

// entry holds a word's SemCor count per part of speech, -1 where WordNet
// does not give the word that part of speech.
type entry [4]int

func run(wnDir, stopPath, outDir string) error {
	words := map[string]*entry{}
	get := func(w string) *entry {
		e := words[w]
		if e == nil {
			e = &entry{-1, -1, -1, -1}
			words[w] = e
		}
		return e
	}
	for i, p := range posIndex {
		if err := eachLine(filepath.Join(wnDir, "index."+p.file), func(line string) {
			if line == "" || line[0] == ' ' {
				return // the licence at the top
			}
			w, _, _ := strings.Cut(line, " ")
			if keep(w) {
				if e := get(w); e[i] < 0 {
					e[i] = 0
				}
			}
		}); err != nil {
			return err
		}
	}
	// cntlist.rev: "sense_key sense_number tag_cnt"; the sense key is
	// lemma%ss_type:…, ss_type 1 noun, 2 verb, 3 and 5 adjective, 4 adverb.
	if err := eachLine(filepath.Join(wnDir, "cntlist.rev"), func(line string) {
		f := strings.Fields(line)
		if len(f) != 3 {
			return
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		n, err := strconv.Atoi(f[2])
		if !ok || err != nil || words[lemma] == nil || rest == "" {
			return
		}
		i := map[byte]int{'1': 0, '2': 1, '3': 2, '5': 2, '4': 3}[rest[0]]
		if e := words[lemma]; e[i] >= 0 {
			e[i] += n
		}
	}); err != nil {
		return err
	}
	for i, p := range posIndex {
		if err := eachLine(filepath.Join(wnDir, p.file+".exc"), func(line string) {
			f := strings.Fields(line)
			if len(f) < 2 || !keep(f[0]) || words[f[1]] == nil || words[f[1]][i] < 0 {
				return
			}
			e := get(f[0])
			e[i] = max(e[i], words[f[1]][i])
		}); err != nil {
			return err
		}
	}
	var lines []string
	for w, e := range words {
		if e[1] < 0 && e[2] < 0 && e[3] < 0 && e[0] <= 0 {
			continue // only a noun, never tagged: as good as unknown
		}
		var b strings.Builder
		b.WriteString(w)
		b.WriteByte('\t')
		for i, p := range posIndex {
			if e[i] >= 0 {
				b.WriteString(p.letter)
				b.WriteString(strconv.Itoa(e[i]))
			}
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	header := "# WordNet 3.0 (Princeton University, WordNet licence): part of speech and SemCor count per word; see NOTICE\n"
	if err := writeGz(filepath.Join(outDir, "wordnet.tsv.gz"), header+strings.Join(lines, "\n")+"\n"); err != nil {
		return err
	}
	return writeStopWords(stopPath, filepath.Join(outDir, "stopwords-en.txt"))
}

// keep reports whether a WordNet lemma is one plain word: lower-case
// letters, maybe a hyphen or an apostrophe, two letters or more.
func keep(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c == '-' || c == '\'') {
			return false
		}
	}
	return true
}

func writeStopWords(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var all map[string][]string
	if err := json.Unmarshal(data, &all); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	en := slices.Clone(all["en"])
	if len(en) == 0 {
		return fmt.Errorf("%s: no English list", src)
	}
	slices.Sort(en)
	en = slices.Compact(en)
	header := "# stopwords-iso 1.1.0, English (MIT licence, https://github.com/stopwords-iso/stopwords-en); see NOTICE\n"
	return os.WriteFile(dst, []byte(header+strings.Join(en, "\n")+"\n"), 0o644)
}

func eachLine(path string, f func(string)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f(sc.Text())
	}
	return sc.Err()
}

func writeGz(path, text string) error {
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
