package endpoint_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot/internal/endpoint"
)

func TestParse(t *testing.T) {
	for raw, want := range map[string]string{
		"https://api.example.com/bot": "",
		"http://127.0.0.1:8081":       "",
		"ftp://example.com":           "want an http or https URL",
		"example.com/path":            "want an http or https URL",
		"https:///path":               "no host",
		"http://[::1":                 "not a URL",
	} {
		u, err := endpoint.Parse(raw)
		switch {
		case want == "" && (err != nil || u == nil):
			t.Errorf("Parse(%q) = %v", raw, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("Parse(%q) = %v, want an error saying %q", raw, err, want)
		}
	}
}
