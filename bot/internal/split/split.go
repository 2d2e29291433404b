// Package split holds the message-splitting policy both platform adapters
// follow. A text too long for one message is cut at a paragraph break
// when one lies in the second half of a part, else between lines; a line
// too long for a part is cut at the end of a sentence, else between
// words, else between characters, never inside a grapheme cluster where it
// can help it. Lengths are counted in UTF-16 code units, as Telegram and
// Discord count them.
//
// The adapters measure and render lines their own way (Telegram counts the
// text a user sees, Discord the markdown it sends); this package packs
// measured lines into parts (Pack) and says where a line may be cut.
package split

// Unit is a measured line of a text, or a paragraph break, with the
// adapter's own value for it.
type Unit[T any] struct {
	// Value is what the adapter assembles parts from.
	Value T
	// Size is the line's length in the adapter's measure.
	Size int
	// Para marks a paragraph break (an empty line).
	Para bool
	// Cont marks the continuation of the previous unit's line: joining it
	// costs no newline.
	Cont bool
}

// joinCost is what adding u to a non-empty part costs: its size and, for
// a new line, the newline before it.
func (u Unit[T]) joinCost() int {
	if u.Cont {
		return u.Size
	}
	return u.Size + 1
}

// Pack packs units into parts of at most limit, in order. A part that
// would overflow ends at its last paragraph break if that keeps it at
// least half full (the break itself is dropped), else where it is. A
// paragraph break never starts a part, but one may end it: the adapters
// trim blank ends when they assemble a part. Units are expected to fit a part
// on their own; one that does not gets a part of its own.
func Pack[T any](units []Unit[T], limit int) [][]Unit[T] {
	var (
		parts [][]Unit[T]
		cur   []Unit[T]
		size  int // the packed size of cur
	)
	for _, u := range units {
		for len(cur) > 0 && size+u.joinCost() > limit {
			cut := paragraphCut(cur, limit)
			if cut < 0 {
				parts = append(parts, cur)
				cur, size = nil, 0
				continue
			}
			parts = append(parts, cur[:cut])
			cur = append([]Unit[T](nil), cur[cut+1:]...)
			size = packedSize(cur)
		}
		if len(cur) == 0 {
			if u.Para {
				continue
			}
			size = u.Size
		} else {
			size += u.joinCost()
		}
		cur = append(cur, u)
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

// packedSize returns the size of units packed into one part.
func packedSize[T any](us []Unit[T]) int {
	n := 0
	for i, u := range us {
		if i == 0 {
			n += u.Size
		} else {
			n += u.joinCost()
		}
	}
	return n
}

// paragraphCut returns the index of the last paragraph break in us after
// which the part would be at least half full, or -1.
func paragraphCut[T any](us []Unit[T], limit int) int {
	sizes := make([]int, len(us)+1) // sizes[j] = packedSize(us[:j])
	for j, u := range us {
		if j == 0 {
			sizes[1] = u.Size
		} else {
			sizes[j+1] = sizes[j] + u.joinCost()
		}
	}
	for j := len(us) - 1; j > 0; j-- {
		if us[j].Para && sizes[j] >= limit/2 {
			return j
		}
	}
	return -1
}
