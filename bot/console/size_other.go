//go:build !unix

package console

import "golang.org/x/term"

// watchSize tells the editor the terminal's size; without SIGWINCH a
// resize is not followed.
func watchSize(fd int, t *term.Terminal) func() {
	if w, h, err := term.GetSize(fd); err == nil && w > 0 {
		t.SetSize(w, h)
	}
	return func() {}
}
