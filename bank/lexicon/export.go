package lexicon

// Load parses the embedded word list and terms afresh, with tables not yet
// loaded, for measuring what the lexicon costs at start-up; use Default
// otherwise.
func Load() (*Lexicon, error) { return parse(wordsBin, termsTxt, newTables()) }
