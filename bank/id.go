package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// idLength is the number of hex digits in a derived ID: 40 bits, so a bank
// of ten thousand questions has about one chance in twenty thousand of a
// collision (which lint reports).
const idLength = 10

// NormalizePrompt returns the form of a prompt that IDs and duplicate
// detection compare: numbering, markup, punctuation, spaces, width and case
// all ignored.
func NormalizePrompt(prompt string) string {
	p := strings.TrimSpace(prompt)
	if rest, ok := numbered(p); ok {
		p = rest
	}
	return textnorm.Compact(p)
}

// promptID derives a question's stable ID from its prompt.
func promptID(prompt string) string {
	sum := sha256.Sum256([]byte(NormalizePrompt(prompt)))
	return hex.EncodeToString(sum[:])[:idLength]
}
