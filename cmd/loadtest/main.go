// Command loadtest measures the bot on this machine, in one process over
// loopback: the fake Telegram Bot API (bot/telegram/telegramfake), the real
// Telegram adapter, the real core and bbolt in a temporary directory with
// the embedded seed notes.
//
// By default it runs the load test: N simulated users each send /next and
// answer the question as soon as it arrives (for several rounds if asked);
// it reports answers per second, the latency from an answer being queued
// at the fake to its feedback arriving there, and the whole cycle from
// /next. In the same run it times the raw bbolt cost of one cycle (as many
// fsynced db.Update calls as the store committed per answer), then
// compares the store's attempt writes with raw bbolt writes of values of
// the same size, for several writer counts, the two sides interleaved.
//
// With -fanout N it runs the fan-out test instead: N private chats
// subscribed to the same minute, the core's clock set to that minute,
// SchedulePushes, then the outbox delivering through the adapter to the
// fake, which enforces Telegram's rate limits (-global per second overall,
// -perchat per second per chat). It reports the time to deliver all, the
// delivered rate against the configured global limit, the fake's 429
// answers and the memory used. -enqueue-only stops after SchedulePushes.
//
// With -startup N it starts the bot in the terminal N times, each on a new
// database, and times process start to the first question ("/next" piped
// in), beside a hello-world Go program.
//
//	go run ./cmd/loadtest                       # 200 users, one round each
//	go run ./cmd/loadtest -users 1 -rounds 300  # one person's cycle
//	go run ./cmd/loadtest -users 500 -rounds 3 -writers 1,32,200 -repeat 3
//	go run ./cmd/loadtest -fanout 10000 -enqueue-only
//	go run ./cmd/loadtest -fanout 10000 -global 30
//	go run ./cmd/loadtest -startup 20
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// config is what the flags set.
type config struct {
	// Users is the number of simulated users of the load test.
	Users int
	// Rounds is how many questions each user asks for and answers.
	Rounds int
	// WritesFor is how long each side of the store comparison writes
	// (zero skips it), Writers the writer counts it compares, Repeat how
	// many times it runs each, the sides interleaved.
	WritesFor time.Duration
	Writers   []int
	Repeat    int
	// RawCycles is how many times the raw bbolt cost of one person's cycle
	// is timed after the load test (zero skips it).
	RawCycles int
	// Fanout, when positive, runs the fan-out test with that many
	// subscribers instead of the load test.
	Fanout int
	// EnqueueOnly stops the fan-out test once SchedulePushes has enqueued
	// the pushes, without delivering them.
	EnqueueOnly bool
	// Startup, when positive, measures start to first question in the
	// terminal that many times instead of the load test, beside a
	// hello-world program; Bin is the interviewbot binary to start (empty:
	// built from ./cmd/interviewbot).
	Startup int
	Bin     string
	// RealLimits runs the load test at Telegram's limits, enforced by the
	// fake, instead of limits too high to apply.
	RealLimits bool
	// Global and PerChat are the fan-out's rate limits (messages per
	// second), configured in the adapter and enforced by the fake alike.
	Global  float64
	PerChat float64
	// Timeout bounds the whole run.
	Timeout time.Duration
	// LogLevel is the level of the bot's logs on stderr.
	LogLevel slog.Level
	// CPUProfile, when set, is the file a CPU profile of the run goes to.
	CPUProfile string
}

// defaultConfig returns the configuration without flags.
func defaultConfig() config {
	return config{
		Users: 200, Rounds: 1,
		WritesFor: 2 * time.Second, Writers: []int{1, 32, 200}, Repeat: 3, RawCycles: 200,
		Global: 30, PerChat: 1,
		Timeout:  30 * time.Minute,
		LogLevel: slog.LevelError,
	}
}

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := defaultConfig()
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.Users, "users", c.Users, "simulated users of the load test")
	fs.IntVar(&c.Rounds, "rounds", c.Rounds, "questions each user asks for and answers")
	fs.DurationVar(&c.WritesFor, "writes-for", c.WritesFor, "how long each side of the store vs raw bbolt comparison writes (0 skips it)")
	fs.Func("writers", "writer counts of the store vs raw bbolt comparison, comma-separated (default 1,32,200)", func(v string) error {
		ws, err := parseCounts(v)
		c.Writers = ws
		return err
	})
	fs.IntVar(&c.Repeat, "repeat", c.Repeat, "runs of each side of the store vs raw bbolt comparison, interleaved")
	fs.IntVar(&c.RawCycles, "raw-cycles", c.RawCycles, "cycles of raw bbolt writes timed after the load test, as many fsynced db.Update calls each as the store committed per answer (0 skips it)")
	fs.BoolVar(&c.EnqueueOnly, "enqueue-only", false, "fan-out: stop once the pushes are enqueued")
	fs.IntVar(&c.Startup, "startup", 0, "measure start to first question in the terminal this many times (a new database each), beside a hello-world program")
	fs.StringVar(&c.Bin, "bin", "", "startup: the interviewbot binary (default: go build ./cmd/interviewbot)")
	fs.BoolVar(&c.RealLimits, "real-limits", false, "load test: Telegram's rate limits in the adapter, enforced by the fake (default: limits too high to apply)")
	fs.IntVar(&c.Fanout, "fanout", 0, "run the fan-out test with this many subscribers instead of the load test")
	fs.Float64Var(&c.Global, "global", c.Global, "fan-out: messages per second overall (adapter limit and fake's enforcement)")
	fs.Float64Var(&c.PerChat, "perchat", c.PerChat, "fan-out: messages per second per chat (adapter limit and fake's enforcement)")
	fs.DurationVar(&c.Timeout, "timeout", c.Timeout, "give up after this long")
	fs.TextVar(&c.LogLevel, "log", c.LogLevel, "level of the bot's logs on stderr (debug, info, warn, error)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	case c.Users < 1 || c.Rounds < 1 || c.Repeat < 1 || c.WritesFor < 0 || c.Fanout < 0 || c.Startup < 0 || c.RawCycles < 0:
		return c, errors.New("-users, -rounds and -repeat must be at least 1, -writes-for, -fanout, -startup and -raw-cycles not negative")
	case c.Global <= 0 || c.PerChat <= 0:
		return c, errors.New("-global and -perchat must be positive")
	}
	return c, nil
}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		stop()
		os.Exit(1)
	}
}

// startCPUProfile profiles the process into path until the returned
// function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// run runs the test the configuration asks for and prints its report.
func run(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	if cfg.CPUProfile != "" {
		stopProfile, err := startCPUProfile(cfg.CPUProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	printMachine(stdout)
	if cfg.Startup > 0 {
		res, err := measureStartup(ctx, cfg.Startup, cfg.Bin)
		if err != nil {
			return fmt.Errorf("startup: %w", err)
		}
		res.print(stdout)
		return nil
	}
	if cfg.Fanout > 0 {
		res, err := runFanout(ctx, cfg, logger, stderr)
		if err != nil {
			return fmt.Errorf("fan-out: %w", err)
		}
		res.print(stdout)
		return nil
	}
	res, err := runLoad(ctx, cfg, logger)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if cfg.RawCycles > 0 {
		if res.RawCycle, err = rawCycles(ctx, cfg.RawCycles, res.commitsPerAnswer()); err != nil {
			return fmt.Errorf("raw cycles: %w", err)
		}
	}
	res.print(stdout)
	if cfg.WritesFor > 0 {
		cmp, err := compareWrites(ctx, cfg.Writers, cfg.WritesFor, cfg.Repeat)
		if err != nil {
			return fmt.Errorf("store vs raw bbolt: %w", err)
		}
		printWrites(stdout, cmp, cfg.WritesFor)
	}
	return nil
}

// parseCounts reads a comma-separated list of positive counts.
func parseCounts(v string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: want positive counts separated by commas", v)
		}
		out = append(out, n)
	}
	return out, nil
}
