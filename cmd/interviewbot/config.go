package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// Config is the configuration file (config.example.yaml documents every
// key).
type Config struct {
	Bank      BankConfig      `yaml:"bank"`
	Storage   StorageConfig   `yaml:"storage"`
	Language  string          `yaml:"language"`
	Timezone  string          `yaml:"timezone"`
	Schedule  ScheduleConfig  `yaml:"schedule"`
	Practice  PracticeConfig  `yaml:"practice"`
	Console   ConsoleConfig   `yaml:"console"`
	Telegram  TelegramConfig  `yaml:"telegram"`
	Discord   DiscordConfig   `yaml:"discord"`
	Log       LogConfig       `yaml:"log"`
	Metrics   MetricsConfig   `yaml:"metrics"`
	Limits    LimitsConfig    `yaml:"limits"`
	Group     GroupConfig     `yaml:"group"`
	Interview InterviewConfig `yaml:"interview"`
	Speech    SpeechConfig    `yaml:"speech"`

	// lines are the lines of the file's keys ("practice.new_per_day"), so
	// a bad value is named with its line.
	lines map[string]int
}

// GroupConfig configures group rounds.
type GroupConfig struct {
	// SummaryAfter is how long a group round stays open before its summary.
	SummaryAfter time.Duration `yaml:"summary_after"`
}

// InterviewConfig configures mock interviews.
type InterviewConfig struct {
	// IdlePause is how long a session may sit idle before it is paused.
	IdlePause time.Duration `yaml:"idle_pause"`
	// AnswerTarget is the soft time target per answer.
	AnswerTarget time.Duration `yaml:"answer_target"`
}

// MetricsConfig configures the metrics and health endpoint.
type MetricsConfig struct {
	// Listen is the address for /metrics and /healthz; "" turns them off.
	Listen string `yaml:"listen"`
}

// LimitsConfig configures how fast one person may go.
type LimitsConfig struct {
	// PersonPerSecond is the sustained rate of updates handled per person.
	PersonPerSecond float64 `yaml:"person_per_second"`
	// PersonBurst is how many updates a person may send at once.
	PersonBurst int `yaml:"person_burst"`
}

// BankConfig says where the notes are.
type BankConfig struct {
	Paths []string `yaml:"paths"`
	// MaxFileMB is the largest notes file read, in megabytes.
	MaxFileMB int `yaml:"max_file_mb"`
}

// StorageConfig configures the bbolt file.
type StorageConfig struct {
	Path        string        `yaml:"path"`
	LockTimeout time.Duration `yaml:"lock_timeout"`
}

// ScheduleConfig configures pushes.
type ScheduleConfig struct {
	Default string        `yaml:"default"`
	Grace   time.Duration `yaml:"grace"`
}

// PracticeConfig configures question selection and feedback.
type PracticeConfig struct {
	NewPerDay         int `yaml:"new_per_day"`
	InlineAnswerChars int `yaml:"inline_answer_chars"`
}

// ConsoleConfig configures the terminal adapter.
type ConsoleConfig struct {
	// Enabled is "auto" (when no chat platform is configured), "true" or
	// "false".
	Enabled string `yaml:"enabled"`
	User    string `yaml:"user"`
}

// checkWebhook checks webhook mode's settings when Telegram is on: Telegram
// posts updates only to an HTTPS URL, and a missing secret token (its
// ${VAR} unset) would leave anyone able to post fake updates to a proxy
// that checks it.
func (t TelegramConfig) checkWebhook(bad func(key, format string, args ...any) error) error {
	w := t.Webhook
	switch {
	case t.Token == "":
		return nil
	case w.Listen == "" || w.URL == "":
		return bad("telegram.webhook", "webhook mode needs listen and url")
	case !strings.HasPrefix(strings.ToLower(w.URL), "https://"):
		return bad("telegram.webhook.url", "%q: Telegram posts updates to https:// URLs only", w.URL)
	case strings.TrimSpace(w.SecretToken) == "":
		return bad("telegram.webhook.secret_token", "is empty: webhook mode needs a secret (set the environment variable it names)")
	}
	return nil
}

// TelegramConfig configures the Telegram adapter.
type TelegramConfig struct {
	Token       string        `yaml:"token"`
	APIEndpoint string        `yaml:"api_endpoint"`
	Mode        string        `yaml:"mode"`
	PollTimeout time.Duration `yaml:"poll_timeout"`
	Webhook     struct {
		Listen      string `yaml:"listen"`
		URL         string `yaml:"url"`
		SecretToken string `yaml:"secret_token"`
	} `yaml:"webhook"`
	Limits struct {
		GlobalPerSecond   float64 `yaml:"global_per_second"`
		PerChatPerSecond  float64 `yaml:"per_chat_per_second"`
		PerGroupPerMinute float64 `yaml:"per_group_per_minute"`
	} `yaml:"limits"`
}

// DiscordConfig configures the Discord adapter.
type DiscordConfig struct {
	Token          string   `yaml:"token"`
	APIURL         string   `yaml:"api_url"`
	Guilds         []string `yaml:"guilds"`
	MessageContent bool     `yaml:"message_content"`
}

// LogConfig configures logging.
type LogConfig struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// SpeechConfig configures voice answers: the transcription endpoint and
// what is measured in a spoken answer.
type SpeechConfig struct {
	// Endpoint is an OpenAI-compatible transcription service; "" turns
	// voice answers off.
	Endpoint string `yaml:"endpoint"`
	APIKey   string `yaml:"api_key"`
	Model    string `yaml:"model"`
	// Language is "" (the notes' language), "auto" or an ISO-639-1 code.
	Language string `yaml:"language"`
	Prompt   string `yaml:"prompt"`
	// Timeout is the budget of one transcription, Tries its attempts.
	Timeout     time.Duration `yaml:"timeout"`
	Tries       int           `yaml:"tries"`
	MaxDuration time.Duration `yaml:"max_duration"`
	LongPause   time.Duration `yaml:"long_pause"`
	Fillers     []string      `yaml:"fillers"`
}

// DefaultConfig returns the configuration used when no file is given.
func DefaultConfig() Config {
	var c Config
	c.Storage.LockTimeout = time.Second
	c.Bank.MaxFileMB = defaultNotesMaxMB
	c.Schedule.Default = "09:00 daily"
	c.Schedule.Grace = 2 * time.Hour
	c.Practice.NewPerDay = 10
	c.Practice.InlineAnswerChars = 800
	c.Console.Enabled = "auto"
	c.Telegram.APIEndpoint = "https://api.telegram.org/bot%s/%s"
	c.Telegram.Mode = "polling"
	c.Telegram.PollTimeout = 30 * time.Second
	c.Telegram.Limits.GlobalPerSecond = 30
	c.Telegram.Limits.PerChatPerSecond = 1
	c.Telegram.Limits.PerGroupPerMinute = 20
	c.Group.SummaryAfter = 12 * time.Hour
	c.Interview.IdlePause = 30 * time.Minute
	c.Interview.AnswerTarget = 2 * time.Minute
	c.Limits.PersonPerSecond = 1
	c.Limits.PersonBurst = 10
	c.Log.Level = "info"
	c.Log.Format = "text"
	c.Speech.Model = "whisper-1"
	c.Speech.Timeout = 2 * time.Minute
	c.Speech.Tries = 3
	c.Speech.MaxDuration = 5 * time.Minute
	c.Speech.LongPause = speech.DefaultLongPause
	c.Speech.Fillers = append([]string(nil), speech.DefaultFillers...)
	return c
}

// ParseConfig reads a configuration over the defaults. ${VAR} in a value
// is replaced by the environment variable (secrets stay out of the file);
// an unknown key or a bad value is an error that names the key.
func ParseConfig(r io.Reader) (Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	c := DefaultConfig()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		if line := tabIndented(data); line > 0 {
			return Config{}, fmt.Errorf("config: line %d: a tab indents this line; YAML indents with spaces", line)
		}
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if len(root.Content) > 0 {
		if err := expandEnv(&root); err != nil {
			return Config{}, fmt.Errorf("config: %w", err)
		}
		if err := checkConfigNode(&root, reflect.TypeOf(c), ""); err != nil {
			return Config{}, fmt.Errorf("config: %w", err)
		}
		c.lines = keyLines(&root)
		expanded, err := yaml.Marshal(&root)
		if err != nil {
			return Config{}, fmt.Errorf("config: %w", err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(expanded))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return Config{}, fmt.Errorf("config: %w", err)
		}
	}
	if err := c.validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// LoadConfig reads the configuration file at path.
func LoadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	c, err := ParseConfig(f)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// reEnvRef matches ${NAME} and ${NAME:-default}.
var reEnvRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}`)

// expandEnv replaces ${NAME} in every scalar value by the environment
// variable NAME (not in keys, and only after parsing, so a value cannot
// change the file's structure). A variable that is not set is an error
// naming it and the key, so that a token missing from a service's
// environment does not silently turn a platform off (or a path into
// "/x.db"); ${NAME:-} and ${NAME:-default} give the text after ":-"
// instead.
func expandEnv(root *yaml.Node) error {
	var missing []string
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		switch n.Kind {
		case yaml.ScalarNode:
			n.Value = reEnvRef.ReplaceAllStringFunc(n.Value, func(ref string) string {
				m := reEnvRef.FindStringSubmatch(ref)
				if v, ok := os.LookupEnv(m[1]); ok {
					return v
				}
				if def, ok := strings.CutPrefix(m[2], ":-"); ok {
					return def
				}
				missing = append(missing, fmt.Sprintf("line %d: %s: ${%s} is not set in the environment (write ${%s:-} to allow it to be unset)", n.Line, key, m[1], m[1]))
				return ""
			})
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], joinKey(key, n.Content[i].Value))
			}
		default:
			for i, c := range n.Content {
				if n.Kind == yaml.SequenceNode {
					walk(c, fmt.Sprintf("%s[%d]", key, i))
				} else {
					walk(c, key)
				}
			}
		}
	}
	walk(root, "")
	if len(missing) > 0 {
		return errors.New(strings.Join(missing, "; "))
	}
	return nil
}

// joinKey appends a mapping key to a dotted key path.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// keyLines returns the line of every key in a parsed file, by its dotted
// path.
func keyLines(root *yaml.Node) map[string]int {
	lines := map[string]int{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := joinKey(path, n.Content[i].Value)
				lines[key] = n.Content[i].Line
				walk(n.Content[i+1], key)
			}
		}
	}
	walk(root, "")
	return lines
}

// validate checks values, naming the key of the first bad one (with its
// line, when it is in the file).
func (c *Config) validate() error {
	bad := func(key string, format string, args ...any) error {
		if line := c.lines[key]; line > 0 {
			return fmt.Errorf("config: line %d: %s: %s", line, key, fmt.Sprintf(format, args...))
		}
		return fmt.Errorf("config: %s: %s", key, fmt.Sprintf(format, args...))
	}
	for _, check := range []func(badKey) error{c.validateGeneral, c.validateTelegram, c.validateLimits} {
		if err := check(bad); err != nil {
			return err
		}
	}
	return c.Speech.validate(func(key, format string, args ...any) error { return bad("speech."+key, format, args...) })
}

// badKey builds the error for a bad value of key.
type badKey = func(key, format string, args ...any) error

// validateGeneral checks the language, zone, schedule, bank, storage,
// practice and console keys.
func (c *Config) validateGeneral(bad badKey) error {
	if c.Language != "" && c.Language != "zh" && c.Language != "en" {
		return bad("language", "%q is not zh or en (or empty, for the notes' language)", c.Language)
	}
	if c.Timezone != "" {
		if _, err := bot.LoadZone(c.Timezone); err != nil {
			return bad("timezone", "%s", strings.TrimPrefix(err.Error(), bot.ErrBadSpec.Error()+": "))
		}
	}
	if _, err := bot.ParseSchedule(c.Schedule.Default, cmp.Or(c.Timezone, "UTC")); err != nil {
		return bad("schedule.default", "%s", strings.TrimPrefix(err.Error(), bot.ErrBadSpec.Error()+": "))
	}
	if c.Schedule.Grace <= 0 {
		return bad("schedule.grace", "must be positive, such as 2h")
	}
	if c.Bank.MaxFileMB <= 0 {
		return bad("bank.max_file_mb", "must be at least 1")
	}
	if c.Storage.LockTimeout <= 0 {
		return bad("storage.lock_timeout", "must be positive, such as 1s (zero would wait forever for another process)")
	}
	if c.Practice.NewPerDay <= 0 {
		return bad("practice.new_per_day", "must be at least 1")
	}
	if c.Practice.InlineAnswerChars <= 0 {
		return bad("practice.inline_answer_chars", "must be at least 1")
	}
	switch c.Console.Enabled {
	case "auto", "true", "false":
	default:
		return bad("console.enabled", "%q is not auto, true or false", c.Console.Enabled)
	}
	return nil
}

// validateTelegram checks the telegram keys.
func (c *Config) validateTelegram(bad badKey) error {
	switch c.Telegram.Mode {
	case "polling":
	case "webhook":
		if err := c.Telegram.checkWebhook(bad); err != nil {
			return err
		}
	default:
		return bad("telegram.mode", "%q is not polling or webhook", c.Telegram.Mode)
	}
	if c.Telegram.Token != "" && !strings.Contains(c.Telegram.APIEndpoint, "%s") {
		return bad("telegram.api_endpoint", "%q must have the form http://host/bot%%s/%%s", c.Telegram.APIEndpoint)
	}
	if c.Telegram.PollTimeout <= 0 {
		return bad("telegram.poll_timeout", "must be positive")
	}
	l := c.Telegram.Limits
	if l.GlobalPerSecond <= 0 || l.PerChatPerSecond <= 0 || l.PerGroupPerMinute <= 0 {
		return bad("telegram.limits", "every limit must be positive")
	}
	return nil
}

// validateLimits checks the group, interview, limits and log keys.
func (c *Config) validateLimits(bad badKey) error {
	if c.Group.SummaryAfter <= 0 {
		return bad("group.summary_after", "must be positive, such as 12h")
	}
	if c.Interview.IdlePause <= 0 || c.Interview.AnswerTarget <= 0 {
		return bad("interview", "idle_pause and answer_target must be positive")
	}
	if c.Limits.PersonPerSecond <= 0 || c.Limits.PersonBurst <= 0 {
		return bad("limits", "person_per_second and person_burst must be positive")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return bad("log.level", "%q is not debug, info, warn or error", c.Log.Level)
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		return bad("log.format", "%q is not text or json", c.Log.Format)
	}
	return nil
}

// validate checks the speech keys, naming the first bad one with bad.
func (s *SpeechConfig) validate(bad func(key, format string, args ...any) error) error {
	if s.Endpoint != "" {
		if _, err := speech.New(speech.Config{Endpoint: s.Endpoint}); err != nil {
			return bad("endpoint", "%q: want an http:// or https:// URL such as http://127.0.0.1:8080", s.Endpoint)
		}
	}
	if l := s.Language; l != "" && l != "auto" && !reLangCode.MatchString(l) {
		return bad("language", "%q: want empty (the notes' language), auto, or a language code such as zh or en", l)
	}
	switch {
	case s.Timeout <= 0:
		return bad("timeout", "must be positive, such as 2m")
	case s.Tries < 1 || s.Tries > 10:
		return bad("tries", "must be 1 to 10")
	case s.MaxDuration <= 0:
		return bad("max_duration", "must be positive, such as 5m")
	case s.LongPause <= 0:
		return bad("long_pause", "must be positive, such as 3s")
	}
	for i, f := range s.Fillers {
		if strings.TrimSpace(f) == "" {
			return bad("fillers", "entry %d is empty", i+1)
		}
	}
	return nil
}

// reLangCode matches an ISO-639-1 (or -3) language code.
var reLangCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// transcriber returns the client of the configured endpoint, or nil when
// voice answers are off.
func (s SpeechConfig) transcriber() (bot.Transcriber, error) {
	if s.Endpoint == "" {
		return nil, nil
	}
	c, err := speech.New(speech.Config{Endpoint: s.Endpoint, APIKey: s.APIKey, Model: s.Model, Prompt: s.Prompt, Timeout: s.Timeout, Tries: s.Tries})
	if err != nil {
		return nil, fmt.Errorf("config: speech.endpoint: %w", err)
	}
	return c, nil
}

// redactURL hides a password in a URL, for logs.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}

// voice returns the core's settings for spoken answers.
func (s SpeechConfig) voice() engine.VoiceConfig {
	fillers := s.Fillers
	if fillers == nil {
		fillers = []string{} // the key set to nothing: count no fillers
	}
	return engine.VoiceConfig{Language: s.Language, MaxDuration: s.MaxDuration, Fillers: fillers, LongPause: s.LongPause}
}

// defaultDBPath is where the database lives when the configuration does
// not say: the per-user data directory ($XDG_DATA_HOME/interviewbot, or
// ~/.local/share/interviewbot), else the working directory.
func defaultDBPath() string {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "interviewbot", "interviewbot.db")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".local", "share", "interviewbot", "interviewbot.db")
	}
	return "interviewbot.db"
}
