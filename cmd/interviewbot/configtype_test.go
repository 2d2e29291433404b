package main

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestConfigTypeErrors checks that a value of the wrong type names its key
// and the form it should have, and that day durations are read.
func TestConfigTypeErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"storage:\n  lock_timeout: 1 second\n", `line 2: storage.lock_timeout: "1 second" is not a duration (e.g. 1s, 500ms, 2h, 3d)`},
		{"practice:\n  new_per_day: ten\n", `line 2: practice.new_per_day: "ten" is not a whole number`},
		{"limits:\n  person_per_second: fast\n", `line 2: limits.person_per_second: "fast" is not a number`},
		{"discord:\n  message_content: maybe\n", `line 2: discord.message_content: "maybe" is not true or false`},
		{"telegram:\n  limits:\n    global_per_second: x\n", `line 3: telegram.limits.global_per_second: "x" is not a number`},
		{"discord:\n  guilds: {a: 1}\n", `line 2: discord.guilds: want a list, such as [a, b]`},
		{"practise:\n  new_per_day: 5\n", "line 1: unknown key practise (did you mean practice?)"},
		{"storage: fast\n", `line 1: storage: want a section of keys`},
		{"telegram:\n  webhook:\n    lisen: :8443\n", `line 3: unknown key telegram.webhook.lisen`},
		{"interview:\n  idle_pausе: 1h\n", "line 2: unknown key interview.idle_pausе"},
		{"storage:\n\tpath: x.db\n", "line 2: a tab indents this line; YAML indents with spaces"},
	}
	for _, tt := range tests {
		_, err := ParseConfig(strings.NewReader(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %q", tt.yaml, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "unmarshal") {
			t.Errorf("%q: decoder jargon in %v", tt.yaml, err)
		}
	}
	// One path where a list goes is a list of one (round 3: "bank.paths:
	// want a list" for paths: ~/notes).
	one, err := ParseConfig(strings.NewReader("bank:\n  paths: notes/redis.md\n"))
	if err != nil || len(one.Bank.Paths) != 1 || one.Bank.Paths[0] != "notes/redis.md" {
		t.Errorf("paths: one path: %v %q", err, one.Bank.Paths)
	}
	c, err := ParseConfig(strings.NewReader("group:\n  summary_after: 2d\ninterview:\n  idle_pause: 1d12h\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Group.SummaryAfter != 48*time.Hour || c.Interview.IdlePause != 36*time.Hour {
		t.Errorf("day durations: %v %v", c.Group.SummaryAfter, c.Interview.IdlePause)
	}
}

// TestConfigKeyPathsFromTags checks that every key of the configuration
// has a path derived from its struct tags, so a new section needs no
// hand-kept table.
func TestConfigKeyPathsFromTags(t *testing.T) {
	var walk func(reflect.Type, string)
	n := 0
	walk = func(rt reflect.Type, prefix string) {
		for i := range rt.NumField() {
			f := rt.Field(i)
			key := prefix + yamlKey(f)
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Duration(0)) {
				walk(f.Type, key+".")
				continue
			}
			n++
			yaml := nestedYAML(key, "[[[")
			_, err := ParseConfig(strings.NewReader(yaml))
			if err == nil {
				t.Errorf("%s: a broken value parsed", key)
			}
			yaml = nestedYAML(key+"_typo", "1")
			if _, err := ParseConfig(strings.NewReader(yaml)); err == nil || !strings.Contains(err.Error(), "unknown key "+key+"_typo") {
				t.Errorf("%s_typo: %v", key, err)
			}
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	if n < 30 {
		t.Errorf("walked only %d keys", n)
	}
}

// nestedYAML writes key (a.b.c) with value as nested YAML.
func nestedYAML(key, value string) string {
	parts := strings.Split(key, ".")
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(strings.Repeat("  ", i) + p + ":")
		if i < len(parts)-1 {
			b.WriteString("\n")
		}
	}
	return b.String() + " " + value + "\n"
}
