package grade_test

import (
	"testing"

	"github.com/interviewbot/interviewbot/bank/grade"
)

// FuzzGrade checks that any reply grades without panicking and gives a
// well-formed result.
func FuzzGrade(f *testing.F) {
	for _, s := range []string{"", "crash consistent", "RPO 和 RTO", "\xff\xfe", "👍", "<b>&amp;</b>", "恢复点目标（RPO）"} {
		f.Add(s)
	}
	g, b := testGrader(f)
	q := lookup(f, b, "consistency")
	f.Fuzz(func(t *testing.T, reply string) {
		res := g.Grade(q, reply)
		if res.Coverage < 0 || res.Coverage > 1 || res.Relevance < 0 || res.Relevance > 1 {
			t.Errorf("out of range: %+v", res)
		}
		if res.Total() != len(q.Answer.KeyPoints) && res.Variant == 0 {
			t.Errorf("points lost: %d of %d", res.Total(), len(q.Answer.KeyPoints))
		}
		if res.Rating < grade.Again || res.Rating > grade.Easy {
			t.Errorf("rating %d", res.Rating)
		}
	})
}
