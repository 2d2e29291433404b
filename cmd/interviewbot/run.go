package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
	"github.com/interviewbot/interviewbot/bot/i18n"
	"github.com/interviewbot/interviewbot/storage"
)

// runBot is the run command: it starts every configured adapter, the
// scheduler and the outbox, and stops cleanly on SIGINT/SIGTERM or, for the
// terminal, at the end of the input.
func runBot(ctx context.Context, e env, args []string) error {
	fs := newCommand("run", "[--notes PATH]... [--config FILE] [--db PATH] [--multiline] [--check] [PATH...]",
		"Run the bot: every chat platform with a token in the configuration, else this terminal.\n"+
			"It asks questions from your notes (--notes or PATH: files or folders of .md, .txt, .yaml),\n"+
			"else from bank.paths in the configuration, else from the notes built into the binary.")
	var notes pathList
	fs.Var(&notes, "notes", "notes `PATH` to practise: a file or a folder (repeat for more; replaces bank.paths)")
	cfgPath := fs.String("config", "", "configuration `FILE` (YAML; config.example.yaml documents every key)")
	dbPath := fs.String("db", "", "database `PATH` (default "+defaultDBPath()+")")
	multiline := fs.Bool("multiline", false, "terminal: an answer ends with an empty line, also when input is piped")
	fullCheck := fs.Bool("check", false, "read and check the whole database file before starting (by default the check stops after 1 s)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	for _, p := range pos {
		if !pathExists(p) {
			return fs.usageError("%q is no notes file or folder (the terminal reads answers from stdin, not arguments)", p)
		}
	}
	// The message catalog is parsed on its first use (2–7 ms of YAML):
	// parse it now, beside the notes and the store, rather than after them.
	go i18n.Default()
	// The word list and the tables the notes' key points need load beside
	// each other and the store.
	lexicon.Warm()
	cfg := DefaultConfig()
	if *cfgPath != "" {
		if cfg, err = LoadConfig(*cfgPath); err != nil {
			return err
		}
	}
	if paths := append(notes, pos...); len(paths) > 0 {
		cfg.Bank.Paths = paths
	}
	if *dbPath != "" {
		cfg.Storage.Path = *dbPath
	}
	if cfg.Storage.Path == "" {
		cfg.Storage.Path = defaultDBPath()
	}
	useConsole := cfg.Console.Enabled == "true" || cfg.Console.Enabled == "auto" && cfg.Telegram.Token == "" && cfg.Discord.Token == ""
	if useConsole && cfg.Telegram.Token == "" && cfg.Discord.Token == "" && !inputUsable(e.stdin) {
		return errNoInput
	}
	logger := newLogger(cfg.Log, e.stderr, useConsole && cfg.Telegram.Token == "" && cfg.Discord.Token == "")

	// The notes are read and key-pointed (CPU) while the store opens (its
	// page check, a new file's fsyncs): the two are ready in the time of
	// the longer, not of both.
	type loaded struct {
		bank  *bank.Bank
		probs bank.Problems
		err   error
	}
	bankc := make(chan loaded, 1)
	go func() {
		b, probs, err := loadBankLimited(cfg.Bank.Paths, int64(cfg.Bank.MaxFileMB)<<20)
		bankc <- loaded{b, probs, err}
	}()
	db, dbErr := openStore(cfg.Storage.Path, storage.Options{LockTimeout: cfg.Storage.LockTimeout, FullCheck: *fullCheck, Logger: logger})
	if dbErr == nil {
		defer db.Close()
	}
	l := <-bankc
	if l.err != nil {
		return l.err
	}
	b := l.bank
	for _, p := range l.probs {
		if p.Severity == bank.Error {
			logger.Warn("notes problem", "at", p.Source.String(), "problem", p.Message)
		}
	}
	if b.Len() == 0 {
		return errors.New("the question bank is empty: check bank.paths (interviewbot bank lint shows problems)")
	}
	if dbErr != nil {
		return dbErr
	}
	logger.Info("started", "questions", b.Len(), "db", cfg.Storage.Path)

	// The interface speaks the notes' language unless one is configured,
	// and the person at the terminal lives in the system's time zone
	// unless one is.
	lang := cmp.Or(cfg.Language, bot.NotesLang(b))
	var term *console.Adapter
	if useConsole {
		zone := ""
		if cfg.Timezone == "" {
			zone = systemZone()
		}
		term = console.New(e.stdin, e.stdout, console.Options{User: consoleUser(cfg.Console.User), Lang: lang,
			Interactive: isTerminal(e.stdin), Multiline: *multiline, Dir: ".", Zone: zone})
	}

	m := newMetrics(db)
	transcriber, err := cfg.Speech.transcriber()
	if err != nil {
		return err
	}
	if transcriber != nil {
		logger.Info("voice answers on", "endpoint", redactURL(cfg.Speech.Endpoint), "language", cmp.Or(cfg.Speech.Language, "from the notes"))
	}
	adapters, err := buildAdapters(cfg, logger, m)
	if err != nil {
		return err
	}
	if term != nil {
		adapters = append(adapters, term)
	}
	core, err := bot.New(bot.Config{
		Bank: b, Store: db, Grader: startGrader(b), Logger: logger, Lang: lang, TZ: cfg.Timezone,
		Schedule: cfg.Schedule.Default, Grace: cfg.Schedule.Grace,
		NewPerDay: cfg.Practice.NewPerDay, InlineAnswerRunes: cfg.Practice.InlineAnswerChars,
		PersonRate:  time.Duration(float64(time.Second) / cfg.Limits.PersonPerSecond),
		PersonBurst: cfg.Limits.PersonBurst,
		RoundLength: cfg.Group.SummaryAfter, SessionIdle: cfg.Interview.IdlePause, AnswerTarget: cfg.Interview.AnswerTarget,
		Observer: m, Transcriber: transcriber, Voice: cfg.Speech.voice(),
		Capabilities: capabilities(adapters),
	})
	if err != nil {
		return err
	}

	if len(adapters) == 0 {
		return errors.New("nothing to run: configure telegram.token or discord.token, or enable the console")
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if cfg.Metrics.Listen != "" {
		addr, err := serveMetrics(ctx, cfg.Metrics.Listen, m, db, logger)
		if err != nil {
			return err
		}
		logger.Info("serving /metrics and /healthz", "addr", addr)
	}
	ctl, err := startControl(ctx, cfg.Storage.Path, db, logger)
	if err != nil {
		logger.Warn("control socket not started: backup and export will not reach this process", "err", err)
	} else {
		defer ctl.Close()
	}

	senders := map[bot.Platform]bot.Sender{}
	for _, a := range adapters {
		senders[a.Platform()] = a
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(adapters)+2)
	goRun := func(name string, f func(context.Context) error, stopAll bool) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := f(ctx)
			if err != nil && ctx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
			if stopAll || err != nil {
				cancel()
			}
		}()
	}
	goRun("scheduler", core.RunScheduler, false)
	goRun("outbox", func(ctx context.Context) error { return core.RunOutbox(ctx, senders) }, false)
	for _, a := range adapters {
		a := a
		// The terminal's input ending is the end of a scripted session.
		goRun(string(a.Platform()), func(ctx context.Context) error { return a.Run(ctx, core) }, term != nil && a == bot.Adapter(term))
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	logger.Info("stopped")
	return errors.Join(all...)
}

// capabilities collects what each adapter declares it can do, for the
// core.
func capabilities(adapters []bot.Adapter) map[bot.Platform]bot.Capabilities {
	caps := map[bot.Platform]bot.Capabilities{}
	for _, a := range adapters {
		if c, ok := a.(bot.Capable); ok {
			caps[a.Platform()] = c.Capabilities()
		}
	}
	return caps
}

// newLogger logs to stderr. When only the terminal runs, routine logs would
// interleave with the conversation, so the default level rises to warn.
func newLogger(c LogConfig, w io.Writer, consoleOnly bool) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[c.Level]
	if consoleOnly && level < slog.LevelWarn {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func consoleUser(name string) string {
	if name != "" {
		return name
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "me"
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// pathList is a flag that may be given more than once: --notes a --notes b.
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ", ") }

// Set adds a path.
func (p *pathList) Set(v string) error {
	*p = append(*p, v)
	return nil
}
