// Command interviewbot is a mock interviewer that lives in chat: it asks
// questions from a person's interview notes, grades typed replies by key
// point coverage and schedules reviews.
//
// Usage:
//
//	interviewbot [run] [--notes PATH]... [--config FILE] [--db PATH] [--multiline] [--check] [PATH...]
//	interviewbot bank list [--json] [PATH...]
//	interviewbot bank show ID [PATH...]
//	interviewbot bank lint [-v] [PATH...]
//	interviewbot grade (--id ID | --match TEXT) [--json] [--lang zh|en] [PATH...] < reply
//	interviewbot schedule next --spec 'HH:MM DAYS' [--tz Area/City] [--from RFC3339] [--count N]
//	interviewbot backup [--config FILE] [--db PATH] [--force] FILE
//	interviewbot export [--config FILE] [--db PATH]
//	interviewbot version
//
// With no subcommand it runs the bot.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what a subcommand reads and writes, so tests run commands in
// process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError carries a specific exit code with an already printed message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := "run", args
	switch {
	case len(args) > 0 && isHelp(args[0]):
		if len(args) == 1 || isHelp(args[1]) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		// "help grade" is "grade --help".
		cmd, rest = args[1], append(append([]string(nil), args[2:]...), "--help")
	case len(args) > 0 && isVersion(args[0]):
		fmt.Fprintln(stdout, version())
		return 0
	case len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' && !isCommand(args[0]) && pathExists(args[0]):
		// "interviewbot ~/notes": run the bot on those notes.
	case len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-':
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = runBot(ctx, e, rest)
	case "bank":
		err = bankCmd(e, rest)
	case "grade":
		err = gradeCmd(e, rest)
	case "schedule":
		err = scheduleCmd(e, rest)
	case "backup":
		err = backupCmd(ctx, e, rest)
	case "export":
		err = exportCmd(ctx, e, rest)
	case "version":
		fmt.Fprintln(stdout, version())
	default:
		err = usageError{msg: fmt.Sprintf("unknown command %q (commands: %s; or a notes file or folder to practise)", cmd, strings.Join(commands, ", "))}
	}
	var (
		ee exitError
		ue usageError
		hr helpRequest
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &hr):
		fmt.Fprint(stdout, hr.text)
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		where := "interviewbot --help"
		if ue.cmd != "" {
			where = "interviewbot " + ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "interviewbot: %v\nRun '%s' for usage.\n", err, where)
		return 2
	default:
		fmt.Fprintf(stderr, "interviewbot: %v\n", err)
		return 1
	}
}

// commands are the subcommands, in the order usage lists them.
var commands = []string{"run", "bank", "grade", "schedule", "backup", "export", "version"}

// isCommand reports whether an argument names a subcommand.
func isCommand(arg string) bool { return slices.Contains(commands, arg) }

// pathExists reports whether a file or folder is at path.
func pathExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

const usage = `interviewbot: a mock interviewer for Telegram, Discord and the terminal

Usage:
  interviewbot [run] [--notes PATH]... [--config FILE] [--db PATH] [--multiline] [--check] [PATH...]
                                         run the bot (the terminal when no token is configured)
                                         on your notes (files or folders; default: the built-in notes)
  interviewbot bank list [--json] [PATH...]
                                         list the questions (the embedded seeds without PATH)
  interviewbot bank show ID [PATH...]    show one question
  interviewbot bank lint [-v] [PATH...]  report problems in notes files as file:line
  interviewbot grade (--id ID | --match TEXT) [--json] [--lang zh|en] [PATH...] < reply
                                         grade a reply read from stdin
  interviewbot schedule next --spec 'HH:MM DAYS' [--tz Area/City] [--from RFC3339] [--count N]
                                         print the next push times
  interviewbot backup [--config FILE] [--db PATH] [--force] FILE
                                         write a consistent copy of the database
  interviewbot export [--config FILE] [--db PATH]
                                         print all progress as JSON
  interviewbot version                   print the version (also --version)

Run 'interviewbot COMMAND --help' (or 'interviewbot help COMMAND') for a
command's flags.
`
