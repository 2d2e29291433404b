package engine_test

import (
	"regexp"
	"testing"
)

// TestCoverageLineReadsAtAGlance is report item C: the coverage line says
// what its numbers are ("1 of 4 key points covered, 1 partly · 38%"), not
// "覆盖 1/4 · 38% · 部分 1" (where the percent seemed not to match).
func TestCoverageLineReadsAtAGlance(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"zh", `^📊 覆盖 \d/\d 个要点(，部分覆盖 \d 个)? · \d+%$`},
		{"en", `^📊 \d of \d key points covered(, \d partly)? · \d+%$`},
	} {
		h := newHarness(t)
		h.user.Lang = c.lang
		h.cmd("next", "")
		got := text(h.say("RPO 是可以丢多少数据，恢复时间有关"))
		if !regexp.MustCompile(c.want).MatchString(lineWith(got, "📊")) {
			t.Errorf("%s: the coverage line %q does not match %q", c.lang, lineWith(got, "📊"), c.want)
		}
	}
}
