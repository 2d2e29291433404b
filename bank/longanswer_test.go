package bank_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
)

// TestLongAnswerLoadsInLinearWork loads one answer of n and of 4n lines in
// each shape of BenchmarkLoadLongAnswer and compares the memory
// allocations the two loads make: a count, not a time, so the machine's
// load cannot sway it. Work that grows with the square of the answer (each
// bold span looked up in every sentence of the answer) allocates sixteen
// times as much at 4n; linear work four times.
func TestLongAnswerLoadsInLinearWork(t *testing.T) {
	const n, maxGrowth = 100, 6.0
	for _, shape := range longAnswerShapes {
		t.Run(shape.name, func(t *testing.T) {
			allocs := func(n int) float64 {
				fsys := fstest.MapFS{shape.file: {Data: shape.write(n)}}
				bank.Load(bank.Input{FS: fsys}) // the word lists, loaded once
				return testing.AllocsPerRun(1, func() {
					if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() == 0 {
						t.Fatal("empty bank")
					}
				})
			}
			small, large := allocs(n), allocs(4*n)
			if growth := large / small; growth > maxGrowth {
				t.Errorf("%d lines: %.0f allocations; %d lines: %.0f (%.1f times as many, want at most %.0f)", n, small, 4*n, large, growth, maxGrowth)
			} else {
				t.Log(fmt.Sprintf("%.0f → %.0f allocations (×%.1f)", small, large, growth))
			}
		})
	}
}

// TestLongAnswerPicksPointsFromItsStart loads answers that mark thousands
// of phrases: their key points come from the first marks, at most
// maxKeyPoints of them, and a warning at the answer's line says the rest
// was not weighed. An answer that marks a few dozen phrases, as the
// richest real notes do, is read whole, without the warning.
func TestLongAnswerPicksPointsFromItsStart(t *testing.T) {
	const long = "too long to weigh whole"
	for _, shape := range longAnswerShapes {
		t.Run(shape.name, func(t *testing.T) {
			bk, probs := bank.Load(bank.Input{FS: fstest.MapFS{shape.file: {Data: shape.write(3000)}}})
			if bk.Len() != 1 {
				t.Fatalf("%d questions, want 1", bk.Len())
			}
			a := bk.Questions()[0].Answer
			if n := len(a.KeyPoints); n == 0 || n > 12 {
				t.Errorf("%d key points, want 1 to 12", n)
			}
			for _, kp := range a.KeyPoints {
				if i := strings.Index(a.Text, kp.Sentence); kp.Sentence == "" || i < 0 || i > len(a.Text)/10 {
					t.Errorf("point %q comes from %q, not from the start of the answer", kp.Text, kp.Sentence)
				}
			}
			var warned []bank.Problem
			for _, p := range probs {
				if strings.Contains(p.Message, long) {
					warned = append(warned, p)
				}
				if len(p.Message) > 2000 {
					t.Errorf("a problem of %d bytes: %.200s…", len(p.Message), p.Message)
				}
			}
			if len(warned) != 1 || warned[0].Line != a.Source.Line || warned[0].Severity != bank.Warning {
				t.Errorf("want one warning %q at line %d, got %v", long, a.Source.Line, warned)
			}
		})
	}
	t.Run("a few dozen marks", func(t *testing.T) {
		var sb strings.Builder
		sb.WriteString("### 数据一致性怎么保证？\n\n")
		for i := range 40 {
			fmt.Fprintf(&sb, "%s，通过**底层校验%d**保证数据一致。\n", enumWord(i), i)
		}
		_, probs := bank.Load(bank.Input{FS: fstest.MapFS{"notes.md": {Data: []byte(sb.String())}}})
		for _, p := range probs {
			if strings.Contains(p.Message, long) {
				t.Errorf("40 marked phrases are read whole, yet: %s", p)
			}
		}
	})
}
