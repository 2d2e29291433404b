package main

import (
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
	if err != nil || c.Language != "zh" || c.Telegram.Token != "x\nlanguage: fr" {
		t.Errorf("env expansion changed the structure: %+v %v", c, err)
	}
}

func TestExampleConfigParses(t *testing.T) {
	c, err := LoadConfig("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "zh" || c.Telegram.Mode != "polling" {
		t.Errorf("example config %+v", c)
	}
}
