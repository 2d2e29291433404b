package speech_test

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot/speech"
)

// FuzzDuration feeds the header readers damaged and hostile files: they
// must never panic, and a length they report is never negative.
func FuzzDuration(f *testing.F) {
	if ogg, err := os.ReadFile("testdata/answer.opus.ogg"); err == nil {
		f.Add(ogg)
		f.Add(ogg[:len(ogg)/3])
	}
	f.Add(wav(16000, 1, 16, 0.25, -1))
	f.Add(wav(8000, 2, 8, 0.1, 0xFFFFFFFF))
	f.Add([]byte("RIFF\xff\xff\xff\xffWAVEfmt \x10\x00\x00\x00"))
	f.Add(oggPage(1, 0, 0, 2, []byte("OpusHead\x01\x01\x38\x01")))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, ok := speech.Duration(data); ok && d < 0 {
			t.Errorf("Duration = %v", d)
		}
	})
}

// FuzzAnalyze: any transcript is measured without a panic; filler counts
// and the stripped text stay within the transcript.
func FuzzAnalyze(f *testing.F) {
	f.Add("嗯，快照依赖原始存储，然后 um 备份是 you know 独立副本。", "嗯,然后,um,you know")
	f.Add("Um, like, uh", "like")
	f.Add("\xff\xfe 那个那个", "那个, ,Like")
	f.Fuzz(func(t *testing.T, text, fillers string) {
		list := strings.Split(fillers, ",")
		d := speech.Analyze(speech.Transcript{Text: text}, time.Minute, speech.Options{Fillers: list})
		if d.Fillers < 0 || d.Units < 0 || d.Fillers > utf8.RuneCountInString(text) {
			t.Errorf("Analyze(%q) = %+v", text, d)
		}
		if s := speech.StripFillers(text, list); len(s) > len(text)+d.Fillers {
			t.Errorf("StripFillers(%q) = %q grew", text, s)
		}
	})
}
