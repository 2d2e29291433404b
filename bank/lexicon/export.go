package lexicon

// Load parses the embedded word list and terms afresh, for measuring what
// the lexicon costs at start-up; use Default otherwise.
func Load() (*Lexicon, error) { return parse(wordsGz, termsTxt) }
