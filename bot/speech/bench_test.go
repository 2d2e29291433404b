package speech_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/speech"
)

// twoMinutes is about two minutes of spoken Chinese (some 480 characters)
// with fillers and English terms, in 40 timed segments.
func twoMinutes() speech.Transcript {
	line := "嗯，快照依赖原始存储，然后 snapshot 不能替代备份，就是说备份是独立的副本。"
	t := speech.Transcript{Text: strings.Repeat(line, 12)}
	for i := range 40 {
		t.Segments = append(t.Segments, speech.Segment{Start: time.Duration(i) * 3 * time.Second, End: time.Duration(i)*3*time.Second + 2500*time.Millisecond, Text: line})
	}
	return t
}

func BenchmarkAnalyze(b *testing.B) {
	t := twoMinutes()
	b.ReportAllocs()
	for b.Loop() {
		speech.Analyze(t, 2*time.Minute, speech.Options{})
	}
}

func BenchmarkStripFillers(b *testing.B) {
	text := twoMinutes().Text
	b.ReportAllocs()
	for b.Loop() {
		speech.StripFillers(text, nil)
	}
}

func BenchmarkDuration(b *testing.B) {
	ogg, err := os.ReadFile("testdata/answer.opus.ogg")
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"ogg-opus-3.5s", ogg}, {"wav-2min", wav(16000, 1, 16, 120, -1)}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := speech.Duration(f.data); !ok {
					b.Fatal("no duration")
				}
			}
		})
	}
}
