package console

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"unicode/utf8"
)

// maxLine is the longest input line kept (a pasted essay); the rest of a
// longer line is dropped, and the person is told.
const maxLine = 1 << 20

// inputLine is one line read.
type inputLine struct {
	text string
	// complete is unset for a last line that ended without a newline (the
	// input closed mid-line).
	complete bool
	// pasted is set for a line the terminal said was pasted (a bracketed
	// paste): never a command, and an empty one does not send the answer.
	pasted bool
	// cut, when not zero, is how many characters of a longer line were
	// kept.
	cut int
}

// readLines sends the lines of r to out until r ends or ctx is done. A line
// longer than maxLine is cut on a character boundary and marked so.
func readLines(ctx context.Context, r io.Reader, out chan<- inputLine) error {
	br := bufio.NewReaderSize(r, 64*1024)
	for {
		var line []byte
		var err error
		over := false
		for {
			var part []byte
			part, err = br.ReadSlice('\n')
			if room := maxLine - len(line); room >= len(part) {
				line = append(line, part...)
			} else {
				line = append(line, part[:max(room, 0)]...)
				over = over || len(bytes.TrimRight(part[max(room, 0):], "\r\n")) > 0
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if len(line) == 0 && err != nil {
			return nil // the end, at the start of a line
		}
		// ReadSlice fails only when the input ends before a newline.
		l := inputLine{text: string(bytes.TrimRight(line, "\r\n")), complete: err == nil}
		if over {
			l.text = trimPartialRune(l.text)
			l.cut = utf8.RuneCountInString(l.text)
		}
		select {
		case out <- l:
		case <-ctx.Done():
			return nil
		}
		if err != nil {
			return nil
		}
	}
}

// trimPartialRune drops the bytes of a character cut in two at the end of
// s, so a cut line stays valid text.
func trimPartialRune(s string) string {
	for i := 1; i < utf8.UTFMax && i <= len(s); i++ {
		if utf8.RuneStart(s[len(s)-i]) {
			if !utf8.FullRuneInString(s[len(s)-i:]) {
				return s[:len(s)-i]
			}
			break
		}
	}
	return s
}
