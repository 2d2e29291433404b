package main

import (
	"errors"
	"io"
	"os"
)

// errNoInput is returned when the terminal is the only thing to run but
// stdin can give it nothing: it is /dev/null or closed, as under a service
// manager. The bot used to read the empty input, stop at once and exit 0,
// so a service whose token was missing looked as if it had finished.
var errNoInput = errors.New("nothing to run: no chat platform is configured (telegram.token, discord.token) " +
	"and stdin is neither a terminal nor a script (it is /dev/null or closed, as under a service manager); " +
	"set a token in the environment the service runs with, or run interviewbot in a terminal")

// inputUsable reports whether r can feed the terminal adapter: anything
// but /dev/null and a closed descriptor (a terminal, a pipe, a file, a
// reader in tests).
func inputUsable(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return true
	}
	if f == nil {
		return false
	}
	info, err := f.Stat()
	if err != nil {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}
