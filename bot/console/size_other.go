//go:build !unix

package console

import "golang.org/x/term"

// watchSize tells the editor the terminal's size; without SIGWINCH a
// resize is not followed.
func watchSize(fd int, setSize func(w, h int)) func() {
	if w, h, err := term.GetSize(fd); err == nil && w > 0 {
		setSize(w, h)
	}
	return func() {}
}
