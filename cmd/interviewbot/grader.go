package main

import (
	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// backgroundGrader builds the grader while the bot starts and asks its
// first question: building it takes tens of milliseconds (each key point
// analysed, the near-synonyms table loaded) that the first question does
// not need. Grade waits until it is built.
type backgroundGrader struct {
	ready chan struct{}
	g     *grade.Grader
}

// startGrader starts building the grader of b, once b's key points are
// complete.
func startGrader(b *bank.Bank) *backgroundGrader {
	bg := &backgroundGrader{ready: make(chan struct{})}
	go func() {
		defer close(bg.ready)
		b.WaitKeyPoints()
		bg.g = grade.New(b)
	}()
	return bg
}

// Grade grades reply to q once the grader is built.
func (bg *backgroundGrader) Grade(q *bank.Question, reply string) grade.Result {
	<-bg.ready
	return bg.g.Grade(q, reply)
}
