//go:build ignore

// Command genidf writes the general-language IDF table the lexicon embeds
// (data/idf.tsv.gz) from jieba's idf.utf8, as shipped by the npm package
// nodejieba (MIT; the file comes from cppjieba, MIT):
//
//	npm pack nodejieba@3.5.8 && tar xzf nodejieba-3.5.8.tgz
//	go run ./bank/lexicon/genidf/main.go package/submodules/cppjieba/dict/idf.utf8 bank/lexicon/data
//
// It keeps the Chinese words of two to four characters whose IDF is under
// maxIDF, the common words: a word absent from the table is rarer than
// that. Each line is "word<TAB>IDF×10" rounded.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxIDF is the IDF from which a word counts as rare: about 39,000 words
// of two to four characters are under it.
const maxIDF = 10.0

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genidf path/to/idf.utf8 OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "genidf:", err)
		os.Exit(1)
	}
}

func run(path, outDir string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		word, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if !ok {
			continue
		}
		idf, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || idf >= maxIDF {
			continue
		}
		if n := utf8.RuneCountInString(word); n < 2 || n > 4 || !allHan(word) {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s\t%d", word, int(math.Round(idf*10))))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	slices.Sort(lines)
	text := "# General-language IDF of common Chinese words, ×10, from jieba's idf.utf8 (MIT; see NOTICE).\n" + strings.Join(lines, "\n") + "\n"
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
	return os.WriteFile(filepath.Join(outDir, "idf.tsv.gz"), buf.Bytes(), 0o644)
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
