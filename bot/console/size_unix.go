//go:build unix

package console

import (
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// watchSize tells the editor the terminal's size now and whenever the
// window is resized (SIGWINCH), so a line longer than the window wraps and
// redraws where the terminal puts it. The returned func stops watching.
func watchSize(fd int, setSize func(w, h int)) func() {
	resize := func() {
		if w, h, err := term.GetSize(fd); err == nil && w > 0 {
			setSize(w, h)
		}
	}
	resize()
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sig, syscall.SIGWINCH)
	go func() {
		for {
			select {
			case <-sig:
				resize()
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
