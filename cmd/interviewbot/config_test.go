package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	t.Setenv("IB_TEST_TOKEN", "123:abc")
	c, err := ParseConfig(strings.NewReader(`
language: en
timezone: Europe/Berlin
telegram:
  token: ${IB_TEST_TOKEN}
  poll_timeout: 10s
discord:
  guilds: ["42"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token != "123:abc" || c.Language != "en" || c.Telegram.PollTimeout != 10*time.Second || c.Discord.Guilds[0] != "42" {
		t.Errorf("config %+v", c)
	}
	if c.Schedule.Grace != 2*time.Hour || c.Storage.LockTimeout != time.Second {
		t.Error("defaults lost")
	}
	tests := []struct{ yaml, want string }{
		{"telegram:\n  tokn: x\n", "line 2: unknown key telegram.tokn"},
		{"colour: blue\n", "unknown key colour"},
		{"language: fr\n", "language: \"fr\" is not zh or en"},
		{"timezone: Mars/Base\n", "timezone:"},
		{"schedule:\n  default: 25:00\n", "schedule.default"},
		{"storage:\n  lock_timeout: 0s\n", "storage.lock_timeout"},
		{"telegram:\n  mode: pull\n", "telegram.mode"},
		{"telegram:\n  token: x\n  mode: webhook\n", "telegram.webhook"},
		{"log:\n  level: loud\n", "log.level"},
		{"storage: [1, 2\n", "config:"},
	}
	for _, tt := range tests {
		if _, err := ParseConfig(strings.NewReader(tt.yaml)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one containing %q", tt.yaml, err, tt.want)
		}
	}
	// A value cannot inject structure through an environment variable.
	t.Setenv("IB_TEST_TOKEN", "x\nlanguage: fr")
	c, err = ParseConfig(strings.NewReader("telegram:\n  token: ${IB_TEST_TOKEN}\n"))
	if err != nil || c.Language != "" || c.Telegram.Token != "x\nlanguage: fr" {
		t.Errorf("env expansion changed the structure: %+v %v", c, err)
	}
}

// TestExampleConfigParses checks the example as it is (every platform
// off, whatever the environment) and with its token lines uncommented, as
// its comments say to turn a platform on.
func TestExampleConfigParses(t *testing.T) {
	t.Setenv("TELEGRAM_BOT_TOKEN", "123:abc")
	t.Setenv("DISCORD_BOT_TOKEN", "discord-token")
	c, err := LoadConfig("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "" || c.Telegram.Mode != "polling" || c.Telegram.Token != "" || c.Discord.Token != "" || c.Speech.Endpoint != "" {
		t.Errorf("example config %+v", c)
	}
	example, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	on := strings.NewReplacer("# token: ${TELEGRAM_BOT_TOKEN}", "token: ${TELEGRAM_BOT_TOKEN}",
		"# token: ${DISCORD_BOT_TOKEN}", "token: ${DISCORD_BOT_TOKEN}").Replace(string(example))
	c, err = ParseConfig(strings.NewReader(on))
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token != "123:abc" || c.Discord.Token != "discord-token" {
		t.Errorf("uncommented tokens: %q %q", c.Telegram.Token, c.Discord.Token)
	}
}

// An environment variable that is not set is an error naming it and the
// key, not an empty value: with TELEGRAM_BOT_TOKEN missing from a
// service's environment the bot ran the terminal and exited 0, and
// "${UNDEF}/x.db" became "/x.db". ${NAME:-} and ${NAME:-text} opt out.
func TestConfigUnsetVariable(t *testing.T) {
	t.Setenv("IB_SET_EMPTY", "")
	t.Setenv("IB_DIR", "/var/lib/ib")
	for _, tc := range []struct{ yaml, want string }{
		{"telegram:\n  token: ${IB_UNSET_TOKEN}\n", "line 2: telegram.token: ${IB_UNSET_TOKEN} is not set"},
		{"storage:\n  path: ${IB_UNSET_DIR}/x.db\n", "storage.path: ${IB_UNSET_DIR} is not set"},
		{"bank:\n  paths:\n    - notes\n    - ${IB_UNSET_NOTES}\n", "bank.paths[1]: ${IB_UNSET_NOTES} is not set"},
	} {
		_, err := ParseConfig(strings.NewReader(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), ":-}") {
			t.Errorf("%q: error %v, want one containing %q and how to opt out", tc.yaml, err, tc.want)
		}
	}
	c, err := ParseConfig(strings.NewReader(`
telegram:
  token: ${IB_UNSET_TOKEN:-}
discord:
  token: ${IB_SET_EMPTY}
storage:
  path: ${IB_DIR}/${IB_UNSET_NAME:-bot.db}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token != "" || c.Discord.Token != "" || c.Storage.Path != "/var/lib/ib/bot.db" {
		t.Errorf("opt-outs and defaults: %q %q %q", c.Telegram.Token, c.Discord.Token, c.Storage.Path)
	}
}
