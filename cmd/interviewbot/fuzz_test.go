package main

import (
	"strings"
	"testing"
)

// FuzzParseConfig feeds the configuration parser any text: it must return
// a config or an error, never panic, and an accepted config must be valid.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"", "language: en\n", "telegram:\n  token: ${X}\n  mode: webhook\n", "storage: [1, 2\n",
		"limits:\n  person_burst: -1\n", "&a [*a, *a]\n", "schedule:\n  grace: 1ns\n  default: \"00:00 sun\"\n",
		"discord:\n  guilds: {a: b}\n", "\xff\xfe: \x00\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yaml string) {
		c, err := ParseConfig(strings.NewReader(yaml))
		if err != nil {
			return
		}
		if err := c.validate(); err != nil {
			t.Errorf("accepted an invalid config: %v", err)
		}
	})
}
