package bank

import (
	"fmt"
	"strings"
)

// Severity grades a problem found while reading notes.
type Severity int

const (
	// Warning is a problem the bank works around; the question still loads.
	Warning Severity = iota
	// Error is a problem that loses or corrupts something a person wrote.
	Error
	// Info is a notice, not a problem: the notes were read as written, and
	// the bank chose something the person may prefer to choose (key points
	// taken from the answer's words, a folded question read as part of an
	// answer).
	Info
)

// String returns "warning", "error" or "info".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Info:
		return "info"
	}
	return "warning"
}

// Problem is something wrong in a notes file, with its position.
type Problem struct {
	Source
	Severity Severity
	Message  string
}

// String formats the problem as "file:line: severity: message", the form
// editors and CI logs link to.
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s", p.Source, p.Severity, p.Message)
}

// Problems is the list of problems found while loading a bank.
type Problems []Problem

// HasErrors reports whether any problem is an Error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// String returns one problem per line.
func (ps Problems) String() string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// count writes n and a noun that agrees with it: "1 key point", "2 key
// points". Nouns with other plurals are not passed to it.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
