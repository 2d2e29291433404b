package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/i18n"
	"github.com/interviewbot/interviewbot/storage"
)

// runBot is the run command: it starts every configured adapter, the
// scheduler and the outbox, and stops cleanly on SIGINT/SIGTERM or, for the
// terminal, at the end of the input.
func runBot(ctx context.Context, e env, args []string) error {
	m := NewMain(e)
	if err := m.ParseFlags(args); err != nil {
		return err
	}
	err := m.Run(ctx)
	return errors.Join(err, m.Close())
}

// Main is the bot as the run command starts it: ParseFlags reads the
// command line and the configuration, Run opens the notes and the store,
// builds the engine and the adapters and runs them until ctx is done, the
// terminal's input ends or an adapter fails, and Close releases what Run
// opened. main and the tests drive it the same way.
type Main struct {
	// Config is the configuration, the command line's paths applied.
	Config Config
	// Multiline makes an answer at the terminal end with an empty line,
	// also when input is piped.
	Multiline bool
	// FullCheck reads the whole database file before starting.
	FullCheck bool

	stdin          io.Reader
	stdout, stderr io.Writer
	// useConsole is set when the terminal is one of the platforms.
	useConsole bool
	logger     *slog.Logger
	db         *storage.DB
	// completed is closed once the notes' key points are complete and
	// their problems logged.
	completed chan struct{}
	// keyPoints says when their completion may begin.
	keyPoints *keyPointsStart
}

// NewMain returns a Main reading and writing e's streams, with the default
// configuration.
func NewMain(e env) *Main {
	return &Main{Config: DefaultConfig(), stdin: e.stdin, stdout: e.stdout, stderr: e.stderr}
}

// ParseFlags reads the run command's arguments and the configuration file
// they name.
func (m *Main) ParseFlags(args []string) error {
	fs := newCommand("run", "[--notes PATH]... [--config FILE] [--db PATH] [--multiline] [--check] [PATH...]",
		"Run the bot: every chat platform with a token in the configuration, else this terminal.\n"+
			"It asks questions from your notes (--notes or PATH: files or folders of .md, .txt, .yaml),\n"+
			"else from bank.paths in the configuration, else from the notes built into the binary.")
	var notes pathList
	fs.Var(&notes, "notes", "notes `PATH` to practise: a file or a folder (repeat for more; replaces bank.paths)")
	cfgPath := fs.String("config", "", "configuration `FILE` (YAML; config.example.yaml documents every key)")
	dbPath := fs.String("db", "", "database `PATH` (default "+defaultDBPath()+")")
	fs.BoolVar(&m.Multiline, "multiline", false, "terminal: an answer ends with an empty line, also when input is piped")
	fs.BoolVar(&m.FullCheck, "check", false, "read and check the whole database file before starting (by default the check stops after 1 s)")
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
	// Reading notes that give a question twice may need the word list (to
	// tell which copy marks more points): it loads beside the notes and
	// the store, the other tables with the key points.
	go lexicon.Default()
	cfg := &m.Config
	if *cfgPath != "" {
		if *cfg, err = LoadConfig(*cfgPath); err != nil {
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
	m.useConsole = cfg.Console.Enabled == "true" || cfg.Console.Enabled == "auto" && !m.chatPlatforms()
	if m.useConsole && !m.chatPlatforms() && !inputUsable(m.stdin) {
		return errNoInput
	}
	return nil
}

// chatPlatforms reports whether a chat platform is configured.
func (m *Main) chatPlatforms() bool {
	return m.Config.Telegram.Token != "" || m.Config.Discord.Token != ""
}

// Run opens the notes and the store, builds the engine and the adapters,
// and runs them, the scheduler and the outbox until ctx is done, the
// terminal's input ends or an adapter fails.
func (m *Main) Run(ctx context.Context) error {
	m.logger = newLogger(m.Config.Log, m.stderr, m.useConsole && !m.chatPlatforms())
	b, err := m.open()
	if err != nil {
		return err
	}
	met := newMetrics(m.db)
	core, adapters, term, err := m.build(b, met)
	if err != nil {
		return err
	}
	return m.serve(ctx, core, adapters, term, met)
}

// Close waits for the notes' key points to be complete and closes the
// store Run opened.
func (m *Main) Close() error {
	if m.completed != nil {
		<-m.completed
	}
	if m.db == nil {
		return nil
	}
	err := m.db.Close()
	m.db = nil
	return err
}

// open reads the notes' questions and opens the store. The questions are
// read (CPU) while the store opens (its page check, a new file's fsyncs);
// their key points, which need the word lists and most of the time of a
// load, are completed in the background once the first event is handled
// or shortly after (keyPointsStart): the first question needs none, and
// everything that reads them waits (Bank.WaitKeyPoints).
func (m *Main) open() (*bank.Bank, error) {
	cfg := m.Config
	type loaded struct {
		loading *bank.Loading
		err     error
	}
	bankc := make(chan loaded, 1)
	m.completed = make(chan struct{})
	m.keyPoints = newKeyPointsStart()
	go func() {
		l, err := loadQuestionsLimited(cfg.Bank.Paths, int64(cfg.Bank.MaxFileMB)<<20)
		bankc <- loaded{l, err}
		if err != nil {
			close(m.completed)
			return
		}
		m.keyPoints.wait(keyPointsDelay)
		m.completeKeyPoints(l)
	}()
	db, dbErr := openStore(cfg.Storage.Path, storage.Options{LockTimeout: cfg.Storage.LockTimeout, FullCheck: m.FullCheck, Logger: m.logger})
	if dbErr == nil {
		m.db = db
	}
	l := <-bankc
	if l.err != nil {
		return nil, l.err
	}
	m.logProblems(l.loading.ReadProblems(), nil)
	b := l.loading.Bank()
	if b.Len() == 0 {
		return nil, emptyBankError(cfg.Bank.Paths)
	}
	m.sayNotesWarnings(l.loading.ReadProblems(), cfg.Bank.Paths)
	if dbErr != nil {
		return nil, dbErr
	}
	m.logger.Info("started", "questions", b.Len(), "db", cfg.Storage.Path)
	return b, nil
}

// completeKeyPoints gives the answers of l their key points, on this
// goroutine, logs the errors of the notes found doing so, and closes
// m.completed.
func (m *Main) completeKeyPoints(l *bank.Loading) {
	defer close(m.completed)
	// The word list and the tables the key points need load beside each
	// other.
	lexicon.Warm()
	m.logProblems(l.Complete(), l.ReadProblems())
}

// logProblems logs the errors among probs that are not in logged.
func (m *Main) logProblems(probs, logged bank.Problems) {
	for _, p := range probs {
		if p.Severity == bank.Error && !slices.Contains(logged, p) {
			m.logger.Warn("notes problem", "at", p.Source.String(), "problem", p.Message)
		}
	}
}

// build makes the adapters (the terminal's, term, among them when it runs)
// and the engine they hand events to.
func (m *Main) build(b *bank.Bank, met *metrics) (core *engine.Bot, adapters []bot.Adapter, term *console.Adapter, err error) {
	cfg := m.Config
	// The interface speaks the notes' language unless one is configured,
	// and the person at the terminal lives in the system's time zone
	// unless one is.
	lang := cmp.Or(cfg.Language, bot.NotesLang(b))
	if m.useConsole {
		zone := ""
		if cfg.Timezone == "" {
			zone = systemZone()
		}
		term = console.New(m.stdin, m.stdout, console.Options{User: consoleUser(cfg.Console.User), Lang: lang,
			Interactive: isTerminal(m.stdin), Multiline: m.Multiline, Dir: ".", Zone: zone})
	}
	transcriber, err := cfg.Speech.transcriber()
	if err != nil {
		return nil, nil, nil, err
	}
	if transcriber != nil {
		m.logger.Info("voice answers on", "endpoint", redactURL(cfg.Speech.Endpoint), "language", cmp.Or(cfg.Speech.Language, "from the notes"))
	}
	if adapters, err = buildAdapters(cfg, m.logger, met); err != nil {
		return nil, nil, nil, err
	}
	if term != nil {
		adapters = append(adapters, term)
	}
	core, err = engine.New(engine.Config{
		Bank: b, Store: m.db, Grader: startGrader(b), Logger: m.logger, Lang: lang, TZ: cfg.Timezone,
		Schedule: cfg.Schedule.Default, Grace: cfg.Schedule.Grace,
		NewPerDay: cfg.Practice.NewPerDay, InlineAnswerRunes: cfg.Practice.InlineAnswerChars,
		PersonRate:  time.Duration(float64(time.Second) / cfg.Limits.PersonPerSecond),
		PersonBurst: cfg.Limits.PersonBurst,
		RoundLength: cfg.Group.SummaryAfter, SessionIdle: cfg.Interview.IdlePause, AnswerTarget: cfg.Interview.AnswerTarget,
		Observer: m.keyPoints.observer(met), Transcriber: transcriber, Voice: cfg.Speech.voice(),
		Capabilities: capabilities(adapters),
	})
	if err != nil {
		return nil, nil, nil, err
	}
	if len(adapters) == 0 {
		return nil, nil, nil, errors.New("nothing to run: configure telegram.token or discord.token, or enable the console")
	}
	return core, adapters, term, nil
}

// serve runs the metrics endpoint, the control socket, the scheduler, the
// outbox and every adapter until ctx is done, the terminal's input ends or
// one of them fails; it returns once all have stopped, with their errors.
func (m *Main) serve(ctx context.Context, core *engine.Bot, adapters []bot.Adapter, term *console.Adapter, met *metrics) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if m.Config.Metrics.Listen != "" {
		addr, err := serveMetrics(ctx, m.Config.Metrics.Listen, met, m.db, m.logger)
		if err != nil {
			return err
		}
		m.logger.Info("serving /metrics and /healthz", "addr", addr)
	}
	ctl, err := startControl(ctx, m.Config.Storage.Path, m.db, m.logger)
	if err != nil {
		m.logger.Warn("control socket not started: backup and export will not reach this process", "err", err)
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
		wg.Go(func() {
			err := f(ctx)
			if err != nil && ctx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
			if stopAll || err != nil {
				cancel()
			}
		})
	}
	goRun("scheduler", core.RunScheduler, false)
	goRun("outbox", func(ctx context.Context) error { return core.RunOutbox(ctx, senders) }, false)
	for _, a := range adapters {
		// The terminal's input ending is the end of a scripted session.
		goRun(string(a.Platform()), func(ctx context.Context) error { return a.Run(ctx, core) }, term != nil && a == bot.Adapter(term))
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	m.logger.Info("stopped")
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

// emptyBankError says that the notes read gave no question, naming them
// (from --notes or bank.paths) and the command that says why.
func emptyBankError(paths []string) error {
	if len(paths) == 0 {
		return errors.New("the question bank is empty: set bank.paths or pass --notes PATH")
	}
	return fmt.Errorf("no questions found in %s: `interviewbot bank lint -v %s` shows what was read and how to mark questions",
		strings.Join(paths, ", "), strings.Join(paths, " "))
}

// sayNotesWarnings tells, once at start, that some notes were not read as
// they are written: files that gave no question by name, the other
// warnings by count, and the command that shows them. In the terminal it
// is a plain line; beside a chat platform, a log record. Only the warnings
// found while splitting the notes into questions are known at start: the
// key points are completed in the background (start-up stays fast), so the
// line says what it counts and leaves the key-point warnings to bank lint.
func (m *Main) sayNotesWarnings(probs bank.Problems, paths []string) {
	var empty []string
	warnings := 0
	for _, p := range probs {
		if p.Severity != bank.Warning {
			continue
		}
		warnings++
		if strings.HasPrefix(p.Message, "no questions found") {
			empty = append(empty, filepath.Base(p.File))
		}
	}
	if warnings == 0 {
		return
	}
	lint := "interviewbot bank lint -v " + strings.Join(paths, " ")
	if !m.useConsole || m.chatPlatforms() {
		m.logger.Warn("notes read with warnings", "split_warnings", warnings, "files_without_questions", empty,
			"see", lint, "note", "key-point warnings are not counted here; bank lint shows them")
		return
	}
	noun := "warnings"
	if warnings == 1 {
		noun = "warning"
	}
	line := fmt.Sprintf("notes: %d %s about how the notes were split into questions", warnings, noun)
	if len(empty) > 0 {
		line += fmt.Sprintf("; no questions found in %s", strings.Join(empty, ", "))
	}
	fmt.Fprintf(m.stderr, "%s — `%s` lists every warning, those about key points too\n", line, strings.TrimSpace(lint))
}
