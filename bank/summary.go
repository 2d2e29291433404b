package bank

// FileSummary tells how the bank read one file, so a person sees at once
// whether their notes were understood.
type FileSummary struct {
	// File is the file as problems name it.
	File string
	// Questions counts the questions the file asks (a question two files
	// ask counts in both), Answered those with a reference answer.
	Questions, Answered int
	// Warnings and Errors count the file's problems, Notices its
	// notices (Info).
	Warnings, Errors, Notices int
}

// Files returns the files the bank was read from, in the order read.
func (b *Bank) Files() []string { return b.files }

// Summarize counts, for each file read, its questions, how many have a
// reference answer, and its warnings, errors and notices.
func Summarize(b *Bank, probs Problems) []FileSummary {
	out := make([]FileSummary, len(b.files))
	at := make(map[string]int, len(b.files))
	for i, f := range b.files {
		out[i].File = f
		at[f] = i
	}
	for _, q := range b.questions {
		seen := map[string]bool{}
		for _, src := range q.Sources {
			i, ok := at[src.File]
			if !ok || seen[src.File] {
				continue
			}
			seen[src.File] = true
			out[i].Questions++
			if q.HasReference() {
				out[i].Answered++
			}
		}
	}
	for _, p := range probs {
		i, ok := at[p.File]
		if !ok {
			continue
		}
		switch p.Severity {
		case Error:
			out[i].Errors++
		case Info:
			out[i].Notices++
		default:
			out[i].Warnings++
		}
	}
	return out
}
