package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSpeechConfig(t *testing.T) {
	c, err := ParseConfig(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	if tr, err := c.Speech.transcriber(); tr != nil || err != nil {
		t.Errorf("voice answers are on by default: %v %v", tr, err)
	}
	if v := c.Speech.voice(); v.MaxDuration != 5*time.Minute || v.LongPause != 3*time.Second || !slices.Contains(v.Fillers, "然后") || !slices.Contains(v.Fillers, "you know") {
		t.Errorf("defaults %+v", v)
	}

	t.Setenv("IB_SPEECH_KEY", "sk-secret")
	c, err = ParseConfig(strings.NewReader(`
speech:
  endpoint: http://127.0.0.1:8080/inference
  api_key: ${IB_SPEECH_KEY}
  language: auto
  max_duration: 90s
  fillers: [其实, basically]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Speech.APIKey != "sk-secret" || c.Speech.Tries != 3 || c.Speech.Timeout != 2*time.Minute {
		t.Errorf("speech %+v", c.Speech)
	}
	if v := c.Speech.voice(); v.Language != "auto" || v.MaxDuration != 90*time.Second || !slices.Equal(v.Fillers, []string{"其实", "basically"}) {
		t.Errorf("voice %+v", v)
	}
	if tr, err := c.Speech.transcriber(); tr == nil || err != nil {
		t.Errorf("transcriber %v %v", tr, err)
	}
	c, err = ParseConfig(strings.NewReader("speech:\n  fillers: []\n"))
	if err != nil || c.Speech.voice().Fillers == nil || len(c.Speech.voice().Fillers) != 0 {
		t.Errorf("an empty filler list must count none: %+v %v", c.Speech.Fillers, err)
	}

	for yaml, want := range map[string]string{
		"speech:\n  endpoint: 127.0.0.1:8080\n": "speech.endpoint",
		"speech:\n  endpoint: ftp://host/\n":    "speech.endpoint",
		"speech:\n  language: Chinese\n":        "speech.language",
		"speech:\n  tries: 0\n":                 "speech.tries",
		"speech:\n  timeout: 0s\n":              "speech.timeout",
		"speech:\n  max_duration: -1m\n":        "speech.max_duration",
		"speech:\n  long_pause: 0s\n":           "speech.long_pause",
		"speech:\n  fillers: [嗯, \"\"]\n":       "speech.fillers",
		"speech:\n  endpoint_url: http://x/\n":  "unknown key speech.endpoint_url",
	} {
		if _, err := ParseConfig(strings.NewReader(yaml)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one naming %s", yaml, err, want)
		}
	}
}
