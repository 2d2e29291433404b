package lexicon

import "unicode/utf8"

// Segment splits a run of CJK characters into words: the split with the
// fewest pieces, where a piece is a word of the lexicon or one character;
// between splits with as many pieces, the one with fewer lone characters
// that are not function words (完成+了+学业, not 完+成了+学业), then the
// one with more function words among its words (几+百万+甚至+上+千万, not
// 几+百万+甚+至上+千万).
// It appends the words to dst as character offsets into run and returns
// dst: a word is run[ends[i-1]:ends[i]].
func (l *Lexicon) Segment(run []rune, dst []int) []int {
	n := len(run)
	if n == 0 {
		return dst
	}
	// cost[i] is the best cost of run[i:], packed as pieces<<20 |
	// singles<<10 | content words; next[i] the end of the first piece.
	buf := make([]uint32, 2*(n+1)) // one allocation for both tables
	cost, next := buf[:n+1], buf[n+1:]
	for i := n - 1; i >= 0; i-- {
		cost[i] = cost[i+1] + 1<<20
		if !IsFunctionChar(run[i]) {
			cost[i] += 1 << 10
		}
		next[i] = uint32(i + 1)
		if i+1 >= n {
			continue
		}
		lens := l.lengths(run[i], run[i+1])
		if lens == 0 {
			continue
		}
		for k := 2; k <= maxWordRunes && i+k <= n; k++ {
			if lens&(1<<k) == 0 {
				continue
			}
			if k > 2 && !l.isLong(run[i:i+k]) {
				continue
			}
			c := cost[i+k] + 1<<20
			if k > 2 || !IsFunctionPair(run[i], run[i+1]) {
				c++ // a content word: between equal splits, the function word wins
			}
			if c < cost[i] {
				cost[i], next[i] = c, uint32(i+k)
			}
		}
	}
	for i := 0; i < n; i = int(next[i]) {
		dst = append(dst, int(next[i]))
	}
	return dst
}

// Words returns the words of a CJK run as strings: substrings of run, no
// allocation per word.
func (l *Lexicon) Words(run string) []string {
	rs := []rune(run)
	ends := l.Segment(rs, make([]int, 0, len(rs)))
	out := make([]string, 0, len(ends))
	start, at := 0, 0 // in characters, in bytes
	for _, end := range ends {
		from := at
		for ; start < end; start++ {
			at += utf8.RuneLen(rs[start])
		}
		out = append(out, run[from:at])
	}
	return out
}
