// Command interviewbot is a mock interviewer that lives in chat: it asks
// questions from a person's interview notes, grades typed replies by key
// point coverage and schedules reviews.
//
// Usage:
//
//	interviewbot [run] [--config FILE] [--db PATH]
//	interviewbot bank list [--json] [PATH...]
//	interviewbot bank show ID [PATH...]
//	interviewbot bank lint [PATH...]
//	interviewbot grade (--id ID | --match TEXT) [--json] [PATH...] < reply
//	interviewbot schedule next --spec 'HH:MM DAYS' --tz Area/City [--from RFC3339] [--count N]
//	interviewbot backup [--config FILE] [--db PATH] FILE
//	interviewbot export [--config FILE] [--db PATH]
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

// errUsage marks an error whose message is a usage line; exit code 2.
var errUsage = errors.New("usage")

// exitError carries a specific exit code with an already printed message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := "run", args
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
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
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "interviewbot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "interviewbot: %v\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "interviewbot: %v\n", err)
		return 1
	}
}

const usage = `interviewbot: a mock interviewer for Telegram, Discord and the terminal

Usage:
  interviewbot [run] [--config FILE] [--db PATH]     run the bot (the terminal when no token is configured)
  interviewbot bank list [--json] [PATH...]         list the questions (the embedded seeds without PATH)
  interviewbot bank show ID [PATH...]               show one question
  interviewbot bank lint [PATH...]                  report problems in notes files as file:line
  interviewbot grade (--id ID | --match TEXT) [--json] [PATH...] < reply
                                                    grade a reply read from stdin
  interviewbot schedule next --spec 'HH:MM DAYS' --tz Area/City [--from RFC3339] [--count N]
                                                    print the next push times
  interviewbot backup [--config FILE] [--db PATH] FILE
                                                    write a consistent copy of the database
  interviewbot export [--config FILE] [--db PATH]   print all progress as JSON
`
