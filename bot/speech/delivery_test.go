package speech_test

import (
	"math"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/speech"
	"github.com/interviewbot/interviewbot/seeds"
)

// spokenVersion returns the spoken transcript the seed notes keep beside
// the polished answer of a question.
func spokenVersion(t *testing.T, id string) string {
	t.Helper()
	b, _ := bank.Load(bank.Input{FS: seeds.FS})
	q, ok := b.Lookup(id)
	if !ok || q.Answer.Spoken == "" {
		t.Fatalf("seed question %s has no spoken version", id)
	}
	return q.Answer.Spoken
}

func TestAnalyzeSeedTranscripts(t *testing.T) {
	tests := []struct {
		id       string
		seconds  float64
		han      int
		words    int
		fillers  int
		top      []speech.FillerCount
		perMin   float64
		fillerPM float64
	}{
		// Counted by hand: 呃 ×4 (呃，这个 / 然后呃 / 这个呃问题 / 我觉得呃),
		// 嗯 (可能嗯), 然后, 就是 (一两个就是); words scope, to, b, 121, K.
		// Ties keep the configured order: 嗯 before 然后 before 就是.
		{id: "03e102ccd1", seconds: 40, han: 132, words: 5, fillers: 7,
			top:    []speech.FillerCount{{Word: "呃", Count: 4}, {Word: "嗯", Count: 1}, {Word: "然后", Count: 1}},
			perMin: 137 * 1.5, fillerPM: 7 * 1.5},
		// Counted by an independent script (longest match first over the
		// default Chinese fillers): 呃 16, 就是 10, 然后 7, 嗯 3, 啊 1.
		{id: "ac68fc2f7a", seconds: 150, han: 573, words: 12, fillers: 37,
			top:    []speech.FillerCount{{Word: "呃", Count: 16}, {Word: "就是", Count: 10}, {Word: "然后", Count: 7}},
			perMin: 585 / 2.5, fillerPM: 37 / 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			text := spokenVersion(t, tt.id)
			d := speech.Analyze(speech.Transcript{Text: text}, time.Duration(tt.seconds*float64(time.Second)), speech.Options{})
			if d.Unit != speech.Chars || d.Units != tt.han+tt.words {
				t.Errorf("units = %d %s, want %d chars (%d characters + %d words)", d.Units, d.Unit, tt.han+tt.words, tt.han, tt.words)
			}
			if d.Fillers != tt.fillers {
				t.Errorf("fillers = %d, want %d", d.Fillers, tt.fillers)
			}
			if !equalCounts(d.TopFillers, tt.top) {
				t.Errorf("top fillers = %v, want %v", d.TopFillers, tt.top)
			}
			if math.Abs(d.PerMinute-tt.perMin) > 0.01 || math.Abs(d.FillersPerMinute-tt.fillerPM) > 0.01 {
				t.Errorf("rates = %.2f/min, %.2f fillers/min; want %.2f, %.2f", d.PerMinute, d.FillersPerMinute, tt.perMin, tt.fillerPM)
			}
			if d.Timed || len(d.Pauses) != 0 {
				t.Errorf("a transcript without segments reports pauses: %+v", d.Pauses)
			}
		})
	}
}

// An English answer to Chinese notes is measured in words, with the English
// fillers; "like" inside "likely" and "um" inside "umbrella" are words, not
// fillers.
func TestAnalyzeOtherLanguage(t *testing.T) {
	text := "Um, so a snapshot, uh, depends on the source disk, you know, and like a backup is an independent copy. " +
		"It is likely stored in another region, umbrella policies aside. UM, that's it."
	d := speech.Analyze(speech.Transcript{Text: text}, 30*time.Second, speech.Options{})
	// Words by hand: Um so a snapshot uh depends on the source disk (10)
	// you know and like a backup is an independent copy (10) It is likely
	// stored in another region (7) umbrella policies aside (3) UM that's it (3).
	if d.Unit != speech.Words || d.Units != 33 {
		t.Errorf("units = %d %s, want 33 words", d.Units, d.Unit)
	}
	want := []speech.FillerCount{{Word: "um", Count: 2}, {Word: "uh", Count: 1}, {Word: "like", Count: 1}}
	if d.Fillers != 5 || !equalCounts(d.TopFillers, want) {
		t.Errorf("fillers = %d %v, want 5 (um 2, uh, you know, like) with top %v", d.Fillers, d.TopFillers, want)
	}
	if math.Abs(d.PerMinute-66) > 0.01 || math.Abs(d.FillersPerMinute-10) > 0.01 {
		t.Errorf("rates = %.2f words/min, %.2f fillers/min; want 66, 10", d.PerMinute, d.FillersPerMinute)
	}
}

func TestAnalyzePausesAndDuration(t *testing.T) {
	tr := speech.Transcript{Text: "快照依赖原始存储。备份是独立副本。可以跨区域保存。", Segments: []speech.Segment{
		{Start: 0, End: 3 * time.Second, Text: "快照依赖原始存储。"},
		{Start: 7500 * time.Millisecond, End: 10 * time.Second, Text: "备份是独立副本。"},
		{Start: 11 * time.Second, End: 14 * time.Second, Text: "可以跨区域保存。"},
	}}
	d := speech.Analyze(tr, 0, speech.Options{})
	if d.Duration != 14*time.Second {
		t.Errorf("duration = %v, want the last segment's end, 14s", d.Duration)
	}
	if !d.Timed || len(d.Pauses) != 1 || d.Pauses[0].At != 3*time.Second || d.Pauses[0].Length != 4500*time.Millisecond {
		t.Errorf("pauses = %+v, want one of 4.5s at 3s (the 1s gap is not long)", d.Pauses)
	}
	d = speech.Analyze(tr, 0, speech.Options{LongPause: 800 * time.Millisecond})
	if len(d.Pauses) != 2 {
		t.Errorf("pauses with a 0.8s threshold = %+v, want 2", d.Pauses)
	}
	tr.Duration = 20 * time.Second
	if d := speech.Analyze(tr, 0, speech.Options{}); d.Duration != 20*time.Second {
		t.Errorf("duration = %v, want the endpoint's 20s", d.Duration)
	}
	if d := speech.Analyze(tr, 16*time.Second, speech.Options{}); d.Duration != 16*time.Second || d.Units != 22 {
		t.Errorf("duration, units = %v, %d; want the platform's 16s and 22 characters", d.Duration, d.Units)
	}
}

func TestAnalyzeConfiguredFillers(t *testing.T) {
	d := speech.Analyze(speech.Transcript{Text: "其实这个其实就是说，基本上 basically 就是这样"}, time.Minute,
		speech.Options{Fillers: []string{"其实", "Basically", "就是说", "就是"}})
	want := []speech.FillerCount{{Word: "其实", Count: 2}, {Word: "Basically", Count: 1}, {Word: "就是说", Count: 1}}
	if d.Fillers != 5 || !equalCounts(d.TopFillers, want) {
		t.Errorf("fillers = %d %v, want 5 with top %v (就是说 is one filler, not 就是 plus 说)", d.Fillers, d.TopFillers, want)
	}
}

func TestStripFillers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"呃，快照嗯依赖然后原始存储", "，快照依赖原始存储"},
		{"Um, a backup is, uh, you know, independent", ", a backup is, , , independent"},
		{"I likely like umbrellas", "I likely umbrellas"},
		{"没有口头禅的回答", "没有口头禅的回答"},
	}
	for _, tt := range tests {
		if got := speech.StripFillers(tt.in, nil); got != tt.want {
			t.Errorf("StripFillers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func equalCounts(a, b []speech.FillerCount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
