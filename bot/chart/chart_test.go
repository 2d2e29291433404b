package chart_test

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/interviewbot/interviewbot/bot/chart"
)

// TestPNG draws a report's picture, full and empty, in a language the
// font lacks glyphs for: each is a PNG 800 pixels wide.
func TestPNG(t *testing.T) {
	full := chart.Series{Title: "chart.per_question", Labels: []string{"Q1", "Q2"}, Values: []float64{40, 100}}
	for name, c := range map[string][2]chart.Series{
		"full":  {full, {Title: "chart.per_interview", Labels: []string{"1", "2", "3"}, Values: []float64{10, 50, 90}}},
		"empty": {{Title: "chart.per_question"}, {Title: "chart.per_interview"}},
	} {
		data, err := chart.PNG("zh", c[0], c[1])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", name, err)
		}
		if w := img.Bounds().Dx(); w != 800 {
			t.Errorf("%s: width %d, want 800", name, w)
		}
	}
}
