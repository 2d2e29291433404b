package textnorm

import (
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// FoldSlow is Fold without the fast path, for tests.
func FoldSlow(s string) string { return cases.Fold().String(norm.NFKC.String(s)) }
