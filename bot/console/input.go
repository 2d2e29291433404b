package console

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
)

// maxLine is the longest input line kept (a pasted essay); the rest of a
// longer line is dropped.
const maxLine = 1 << 20

// inputLine is one line read; complete is unset for a last line that
// ended without a newline (the input closed mid-line: Ctrl-D at a
// terminal).
type inputLine struct {
	text     string
	complete bool
}

// readLines sends the lines of r to out until r ends or ctx is done.
func readLines(ctx context.Context, r io.Reader, out chan<- inputLine) error {
	br := bufio.NewReaderSize(r, 64*1024)
	for {
		var line []byte
		var err error
		for {
			var part []byte
			part, err = br.ReadSlice('\n')
			if room := maxLine - len(line); room > 0 {
				line = append(line, part[:min(len(part), room)]...)
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
		text := string(bytes.TrimRight(line, "\r\n"))
		select {
		case out <- inputLine{text: text, complete: err == nil}:
		case <-ctx.Done():
			return nil
		}
		if err != nil {
			return nil
		}
	}
}
