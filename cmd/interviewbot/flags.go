package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// The command line is parsed with the standard flag package, wrapped so
// that every command prints its own help (one line per flag) for -h and
// --help. A CLI library (cobra, kong, ffcli) would bring the same help for
// a dependency and a rewrite of every command; what is needed here fits in
// this file.

// command is one command's flags and the text of its help.
type command struct {
	*flag.FlagSet
	// synopsis is the command line after the command's name, about what
	// the command does.
	synopsis, about string
}

// newCommand returns a command named name ("bank list") whose flags are
// parsed without exiting or printing.
func newCommand(name, synopsis, about string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &command{FlagSet: fs, synopsis: synopsis, about: about}
}

// help returns the command's usage: its synopsis, what it does and one
// line per flag.
func (c *command) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: interviewbot %s %s\n\n%s\n", c.Name(), c.synopsis, c.about)
	var lines [][2]string
	width := 0
	c.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if len(f.Name) == 1 {
			left = "-" + f.Name // -v, as the synopsis writes it
		}
		if name != "" && !isBoolFlag(f) {
			left += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		lines = append(lines, [2]string{left, usage})
		width = max(width, len(left))
	})
	if len(lines) > 0 {
		b.WriteString("\nFlags:\n")
		for _, l := range lines {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, l[0], l[1])
		}
	}
	return b.String()
}

func isBoolFlag(f *flag.Flag) bool {
	bf, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && bf.IsBoolFlag()
}

// parse parses flags that may come before, between or after positional
// arguments ("bank list notes/ --json") and returns the positional ones.
// "--" ends flag parsing. -h or --help returns a helpRequest.
func (c *command) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := c.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpRequest{c.help()}
		} else if err != nil {
			return nil, c.usageError("%s", strings.TrimPrefix(err.Error(), "flag: "))
		}
		rest := c.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError returns an error for a command line the command cannot take.
func (c *command) usageError(format string, args ...any) error {
	return usageError{cmd: c.Name(), msg: fmt.Sprintf(format, args...)}
}

// usageError is a command line that cannot be run: exit code 2, with a
// pointer to the command's help.
type usageError struct{ cmd, msg string }

func (e usageError) Error() string {
	if e.cmd == "" {
		return e.msg
	}
	return e.cmd + ": " + e.msg
}

// helpRequest is -h or --help: the help goes to stdout, exit code 0.
type helpRequest struct{ text string }

func (h helpRequest) Error() string { return "help requested" }

// isHelp reports whether an argument asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "help"
}
