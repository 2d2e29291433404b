package bank

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Key points of English answers that mark nothing: the noun phrases and
// named terms an interviewer checks ("event queue", "temporal dead zone",
// "HTTP request", `Array.reduce()`), never a function word, a bare verb,
// adverb or participle, a sentence connective or a generic noun alone
// ("Since", "initializing", "However", "example"). Parts of speech come
// from WordNet through the lexicon, generic words from its English stop
// words and SemCor's counts.

// enTag is what a word of an English answer can be in a key point.
type enTag uint8

const (
	enBreak      enTag = iota // a function word, verb, adverb or punctuation: ends a phrase
	enNoun                    // a noun specific enough to stand alone (closure, callback)
	enCommonNoun              // a common noun (value, function, memory): a head, not a point alone
	enAdj                     // an adjective
	enName                    // an acronym, a name, a word WordNet lacks (CORS, JavaScript, etcd)
	enCode                    // a code span that names an API (`setTimeout`)
	enCompound                // a hyphenated compound (block-scoped, case-sensitive)
	enParticiple              // an -ing or -ed form before a noun (parsing errors)
	enNumber                  // a number after a name (Internet Explorer 8)
)

// enToken is one word or code span of an English sentence.
type enToken struct {
	text  string
	tag   enTag
	idf   float64 // how rare in general English (lexicon.EnglishIDF)
	start bool    // the first word of a clause
	// general marks a noun of the stop word list (example, value, kind):
	// the head of a phrase only after a noun or a name (file system, web
	// page, not "preferential kind"), never its first word ("for example
	// analytics").
	general bool
}

// rareNounCount is the SemCor count above which a noun is common (value
// 132, function 74): the head of a phrase, never what makes it specific
// (scope 15 and string 13 are rare enough).
const rareNounCount = 15

// determiners make the word after them a noun (the display, a return).
var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "this": true,
	"that": true, "these": true, "those": true, "each": true, "every": true, "your": true, "our": true, "my": true,
	"his": true, "her": true, "any": true, "no": true, "some": true}

// reAPIName is a code span that names an API rather than shows code: an
// identifier or a dotted path, maybe called (`Array.reduce()`,
// `new Number()`), or a hyphenated name (`Accept-Language`).
var reAPIName = regexp.MustCompile(`^(?:new )?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?$|^[A-Za-z]+(?:-[A-Za-z]+)+$`)

// codeLiterals are code spans that are values of an example, not names.
var codeLiterals = map[string]bool{"true": true, "false": true, "null": true, "undefined": true, "nan": true, "this": true,
	"var": true, "let": true, "const": true, "new": true, "return": true}

// englishCandidates returns the candidate points of one idea of an English
// answer: its noun phrases and named terms; a list item's head ("Quirks
// mode - Layout emulates…") first.
//
// prompt is the question in lower case: a code span it shows is a variable
// of its example, not a term.
func englishCandidates(chunk string, skip map[string]bool, prompt string) []phrase {
	var out []phrase
	if head, rest, ok := itemHead(chunk); ok {
		toks := enTokens(head, prompt)
		if len(toks) == 1 && isNounLike(toks[0]) && !skip[compactWord(head)] {
			// One word naming the item: Semantics, Connectivity.
			out = append(out, phrase{text: head, words: []string{head}, head: true})
		}
		for _, p := range nounPhrases(toks, skip, false) {
			if p.text == strings.Join(strings.Fields(head), " ") {
				p.head = true // the author's own name for the item
			}
			out = append(out, p)
		}
		chunk = rest
	}
	return append(out, nounPhrases(enTokens(chunk, prompt), skip, false)...)
}

// itemHead splits a list item or a line into the name it opens with and
// what it says about it: "Quirks mode - Layout emulates…", "Client: store
// values…". The name is at most five words.
func itemHead(s string) (head, rest string, ok bool) {
	for _, sep := range []string{" - ", " – ", " — ", ": "} {
		h, r, found := strings.Cut(s, sep)
		if found && h != "" && len(strings.Fields(h)) <= 5 && !strings.ContainsAny(h, ".,;") {
			return h, r, true
		}
	}
	return "", s, false
}

// enTokens cuts an English sentence into words and code spans, each tagged
// with what it can be in a key point.
func enTokens(s, prompt string) []enToken {
	lex := lexicon.Default()
	var toks []enToken
	start := true // the next word opens a sentence or a clause
	prev := ""    // the previous word, lower-case
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '`':
			end := strings.IndexByte(s[i+1:], '`')
			if end < 0 {
				i += size
				continue
			}
			code := strings.TrimSpace(s[i+1 : i+1+end])
			toks = append(toks, codeToken(code, prompt))
			i += end + 2
			start, prev = false, ""
		case isEnWordRune(r):
			j := i + size
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if isEnWordRune(c) {
					j += n
					continue
				}
				// "-", ".", "/", "'" inside a word: block-scoped, Node.js, 2D/3D, it's.
				if strings.ContainsRune("-./'’", c) && j+n < len(s) {
					if d, _ := utf8.DecodeRuneInString(s[j+n:]); isEnWordRune(d) {
						j += n
						continue
					}
				}
				break
			}
			w := s[i:j]
			t := tagWord(lex, w, start, prev)
			if strings.Contains(w, ".") && !isDottedName(w) && !strings.HasPrefix(s[j:], "()") {
				t.tag = enBreak // os.Exit, mouse.bird: code in the prose
			}
			t.start = start
			toks = append(toks, t)
			prev = strings.ToLower(w)
			i, start = j, false
		case unicode.IsSpace(r):
			i += size
		default:
			// Punctuation ends a phrase; a sentence mark, a colon, a dash
			// or a bracket opens a new clause.
			toks = append(toks, enToken{tag: enBreak})
			start = strings.ContainsRune(".!?:;,|-–—(（", r)
			prev = ""
			i += size
		}
	}
	return toks
}

func isEnWordRune(r rune) bool {
	return r < unicode.MaxLatin1 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_'
}

// codeToken tags a code span: a name of an API is a term, anything else
// (an example's variable the prompt shows, a literal, an expression) ends
// a phrase.
func codeToken(code, prompt string) enToken {
	name := strings.TrimSuffix(code, "()")
	first, _, dotted := strings.Cut(name, ".")
	if dotted && name == code && !unicode.IsUpper(firstRune(first)) {
		return enToken{tag: enBreak} // undefined.size: an example's object, not Array.from or console.log()
	}
	if !reAPIName.MatchString(code) || len(name) < 3 || codeLiterals[strings.ToLower(name)] || strings.Contains(prompt, strings.ToLower(name)) {
		return enToken{tag: enBreak}
	}
	return enToken{text: name, tag: enCode, idf: lexicon.RareIDF}
}

// tagWord tags one English word by its part of speech in WordNet, whether
// it is a stop word, its case and the word before it.
func tagWord(lex *lexicon.Lexicon, w string, start bool, prev string) enToken {
	t := enToken{text: w, tag: enBreak, idf: lexicon.RareIDF}
	lw := strings.ToLower(w)
	switch {
	case strings.ContainsAny(w, "'’"):
		return t // it's, don't: grammar
	case isAllDigits(w) || reVersion.MatchString(w) || reAmount.MatchString(w):
		t.tag = enNumber // 3, 6.25, v1.2: a number is never a point alone
		return t
	case isAllCaps(w) || hasInnerCapital(w) || hasDigitAndLetter(w):
		t.tag = enName // CORS, JavaScript, HTML5, i18n
		return t
	case strings.Contains(w, "-"):
		return compoundToken(lex, t)
	}
	info := lex.EnglishPOS(lw)
	capital := unicode.IsUpper(firstRune(w))
	if capital && !start && !englishFunctionWords[lw] && !textnorm.IsStopWord(lw) && info.Dominant() == lexicon.Noun {
		t.tag = enName // Netscape Navigator, Internet Explorer (the stop words hold netscape)
		return t
	}
	if lex.IsEnglishStopWord(lw) || englishFunctionWords[lw] || textnorm.IsStopWord(lw) {
		if info.Dominant() == lexicon.Noun && info.Counts[lexicon.Noun] > 0 && !englishFunctionWords[lw] && !textnorm.IsStopWord(lw) {
			t.tag, t.idf, t.general = enCommonNoun, lex.EnglishIDF(lw), true // value, page, system: a head after a noun, never alone
		}
		return t
	}
	if !info.Tagged {
		// A word WordNet lacks or never saw tagged: a name or a term.
		t.tag = enNoun
		if isParticipleForm(lw) && !capital {
			t.tag = enParticiple // hoisting, parsing: a verb's form WordNet does not list
		}
		return t
	}
	t.idf = lex.EnglishIDF(lw)
	pos := info.Dominant()
	if determiners[prev] && info.Is(lexicon.Noun) {
		pos = lexicon.Noun // the display, a return
	}
	if prev == "to" && info.Is(lexicon.Verb) {
		pos = lexicon.Verb // to store, to parse
	}
	switch pos {
	case lexicon.Noun:
		t.tag = enNoun
		if info.Counts[lexicon.Noun] > rareNounCount {
			t.tag = enCommonNoun
		}
	case lexicon.Adjective:
		t.tag = enAdj
	case lexicon.Verb:
		if isParticipleForm(lw) {
			t.tag = enParticiple
		}
	}
	return t
}

// compoundToken tags a hyphenated word: a compound of content words
// (block-scoped, case-sensitive, cross-origin) is a term, one of function
// words (one-to-one) or with a prefix alone (non-standard) a modifier.
func compoundToken(lex *lexicon.Lexicon, t enToken) enToken {
	content := 0
	for _, part := range strings.Split(strings.ToLower(t.text), "-") {
		if part == "" || lex.IsEnglishStopWord(part) || englishFunctionWords[part] || len(part) < 3 {
			continue
		}
		content++
	}
	switch {
	case content == 0:
		t.tag = enBreak
	case content == 1:
		t.tag = enAdj
	default:
		t.tag = enCompound
	}
	return t
}

// nounPhrases reads the noun phrases of a tagged sentence: a run of
// modifiers (adjectives, nouns, names, participles, compounds) ending in a
// noun, a name or a code span. A phrase needs a word specific enough to
// check ("arrow functions", not "last two values"); a long one also offers
// its last words ("temporal dead zone" of a longer run).
func nounPhrases(toks []enToken, skip map[string]bool, loose bool) []phrase {
	var out []phrase
	var run []enToken
	flush := func() {
		out = append(out, runNounPhrases(run, skip, loose)...)
		run = nil
	}
	for _, t := range toks {
		switch t.tag {
		case enBreak:
			flush()
		case enNumber:
			if len(run) > 0 && run[len(run)-1].tag == enName {
				run = append(run, t) // Internet Explorer 8
			} else {
				flush()
			}
		case enCode:
			flush()
			run = append(run, t)
			flush() // a code span is a term of its own
		default:
			if len(run) > 0 && isVerbAfterSubject(run[len(run)-1], t) {
				flush() // "browsers block rendering", "the user scrolls": a verb
				continue
			}
			run = append(run, t)
		}
	}
	flush()
	return out
}

// isVerbAfterSubject reports whether t, a word that can be a verb, agrees
// as a verb with the noun before it: after a plural noun (browsers
// block), or with an -s after a singular one when it is a verb at least as
// often as a noun (user scrolls, not object keys).
func isVerbAfterSubject(prev, t enToken) bool {
	if prev.tag != enNoun && prev.tag != enCommonNoun || t.tag != enNoun && t.tag != enCommonNoun {
		return false
	}
	w := lexicon.Default().EnglishPOS(t.text)
	if !w.Is(lexicon.Verb) {
		return false
	}
	if plural(prev.text) {
		return !plural(t.text)
	}
	return plural(t.text) && w.Counts[lexicon.Verb] >= w.Counts[lexicon.Noun]
}

// plural reports whether a lower-case noun ends like a plural.
func plural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && strings.ToLower(w) == w
}

// maxPhraseWords is the longest noun phrase offered whole.
const maxPhraseWords = 4

// runNounPhrases turns one run of modifiers into its phrases.
func runNounPhrases(run []enToken, skip map[string]bool, loose bool) []phrase {
	// A phrase ends in its head: a noun, a name, a code span or a number
	// after a name; a compound alone is a term too.
	for len(run) > 1 && !isHead(run[len(run)-1]) {
		run = run[:len(run)-1]
	}
	// A participle or adjective alone ("Putting the script…") is none.
	if len(run) == 0 || !isHead(run[len(run)-1]) && run[len(run)-1].tag != enCompound {
		return nil
	}
	for len(run) > 0 && run[0].general {
		run = run[1:]
	}
	if n := len(run); n > 0 && run[n-1].general && (n == 1 || !isNounLike(run[n-2])) {
		return nil
	}
	var out []phrase
	if p, ok := enPhrase(run, skip, loose); ok && len(run) <= maxPhraseWords {
		out = append(out, p)
	}
	if len(run) > maxPhraseWords {
		// The head with its nearest modifiers, from a run too long to be
		// one phrase.
		for n := 3; n >= 2; n-- {
			if p, ok := enPhrase(run[len(run)-n:], skip, loose); ok {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func isNounLike(t enToken) bool {
	return t.tag == enNoun || t.tag == enCommonNoun || t.tag == enName
}

func isHead(t enToken) bool {
	switch t.tag {
	case enNoun, enCommonNoun, enName, enCode, enNumber:
		return true
	}
	return false
}

// enPhrase makes a phrase of a run of tokens when one of its words is
// specific enough to check: a name, a code span, a compound or a noun
// or adjective rare in general English. A single common word, or only the
// prompt's words, is none.
//
// loose takes a phrase of two words or more without a rare word: the
// defining sentence's "previous stable release" when it has no term.
func enPhrase(run []enToken, skip map[string]bool, loose bool) (phrase, bool) {
	for len(run) > 1 && (run[0].tag == enParticiple && run[0].start || !loose && run[0].tag == enAdj && run[0].idf < specificIDF) {
		run = run[1:] // "Placing text…", "own filters": a clause's verb, a modifier that says little
	}
	specific, fresh := false, false
	words := make([]string, len(run))
	for i, t := range run {
		words[i] = t.text
		if !skip[compactWord(t.text)] {
			fresh = true
		}
		switch t.tag {
		case enName, enCode, enCompound:
			specific = true
		case enNoun, enAdj:
			specific = specific || t.idf >= specificIDF
		}
	}
	if loose && len(run) > 1 {
		specific = true
	}
	if !specific || !fresh {
		return phrase{}, false
	}
	if len(run) == 1 && run[0].tag != enName && run[0].tag != enCode && run[0].tag != enCompound {
		// One plain word (operand, iteration, keyword) is a word of the
		// explanation, rarely what an interviewer checks.
		return phrase{}, false
	}
	return phrase{text: strings.Join(words, " "), words: words, named: hasNamedToken(run)}, true
}

// specificIDF is the general-language rarity from which a word says
// something on its own: SemCor tags it 15 times or fewer (scope, string),
// or never (queue, callback).
const specificIDF = 7.3

func hasNamedToken(run []enToken) bool {
	for _, t := range run {
		if t.tag == enName || t.tag == enCode {
			return true
		}
	}
	return false
}

// reVersion is a version number (v6.25, 1.2.3).
var reVersion = regexp.MustCompile(`^[vV]?\d+(?:\.\d+)*$`)

// reAmount is a number with its unit (4kb, 5MB, 100ms).
var reAmount = regexp.MustCompile(`^\d+(?:\.\d+)?[A-Za-z]{1,3}$`)

// isDottedName reports whether a word with a dot is a product's name
// (Node.js, ASP.NET) rather than code (os.Exit, document.write).
func isDottedName(w string) bool {
	_, ext, _ := strings.Cut(w, ".")
	return !strings.Contains(ext, ".") && (ext == "js" || ext == "io" || isAllCaps(ext))
}

// isParticipleForm reports whether a word ends like a participle.
func isParticipleForm(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed"))
}

// isAllCaps reports whether w has two capitals or more and no lower-case
// letter after the first two (CORS, HTML, APIs, IDs).
func isAllCaps(w string) bool {
	upper := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2 && (upper == utf8.RuneCountInString(w) || strings.HasSuffix(w, "s") && upper == len(w)-1)
}

// hasInnerCapital reports whether a capital follows a lower-case letter
// (JavaScript, macOS, setTimeout): a name.
func hasInnerCapital(w string) bool {
	lower := false
	for _, r := range w {
		if unicode.IsUpper(r) && lower {
			return true
		}
		lower = unicode.IsLower(r)
	}
	return false
}

// hasDigitAndLetter reports whether w mixes letters and digits (HTML5,
// i18n, k8s).
func hasDigitAndLetter(w string) bool {
	d, l := false, false
	for _, r := range w {
		d = d || unicode.IsDigit(r)
		l = l || unicode.IsLetter(r)
	}
	return d && l
}

// englishRareness is rareness for a phrase of an English answer: the mean
// general-English rarity of its words (names and code count as rare).
func englishRareness(p phrase) float64 {
	lex := lexicon.Default()
	var sum float64
	n := 0
	for _, w := range p.words {
		lw := strings.ToLower(w)
		if lex.IsEnglishStopWord(lw) && lex.EnglishPOS(lw).Dominant() != lexicon.Noun {
			continue
		}
		n++
		switch {
		case isAllCaps(w) || hasInnerCapital(w) || hasDigitAndLetter(w) || strings.ContainsAny(w, ".()"):
			sum += lexicon.RareIDF
		default:
			sum += lex.EnglishIDF(lw)
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n) / lexicon.RareIDF
}

// englishLength weighs an English phrase by its length: two or three
// words say a thing best; a single word is a name or it says little.
func englishLength(p phrase) float64 {
	switch n := len(p.words); {
	case p.head:
		return 1.6 // the author named the item
	case n == 1 && p.named:
		return 1.0
	case n == 1:
		return 0.7
	case n <= 3:
		return 1.2
	default:
		return 0.9
	}
}
