package main

import (
	"reflect"
	"testing"

	"github.com/interviewbot/interviewbot/bank/grade"
)

// TestBackgroundGraderGradesAsGradeNew: the grader built in the background
// gives every reply the result grade.New's grader gives.
func TestBackgroundGraderGradesAsGradeNew(t *testing.T) {
	b, _, err := loadBank(nil)
	if err != nil {
		t.Fatal(err)
	}
	bg := startGrader(b)
	direct := grade.New(b)
	for _, q := range b.Questions()[:5] {
		for _, reply := range []string{q.Answer.Text, "不知道", ""} {
			got, want := bg.Grade(q, reply), direct.Grade(q, reply)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, reply %.20q: background %+v, grade.New %+v", q.ID, reply, got, want)
			}
		}
	}
}
