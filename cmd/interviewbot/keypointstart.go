package main

import (
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// keyPointsDelay is the longest the notes' key points wait to start being
// completed after their questions are read, when no event has been
// handled by then. The first question needs no key points; completing them
// takes 100–200 ms of CPU on the 2-core sandbox, and started at once it
// took a core from the first question (in the start-up benchmark, 25 ms
// more CPU by the time the question appeared).
const keyPointsDelay = 100 * time.Millisecond

// keyPointsStart says when the background completion of the key points may
// begin: once the engine has handled its first event (the first question
// is on its way), or keyPointsDelay after the questions are read, whichever
// comes first. An event that needs the key points waits for them, so at
// most keyPointsDelay more. The zero value is not ready: use
// newKeyPointsStart.
type keyPointsStart struct {
	ready chan struct{}
	open  func()
}

func newKeyPointsStart() *keyPointsStart {
	s := &keyPointsStart{ready: make(chan struct{})}
	s.open = sync.OnceFunc(func() { close(s.ready) })
	return s
}

// wait returns once the completion may begin, or after delay.
func (s *keyPointsStart) wait(delay time.Duration) {
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-s.ready:
	case <-t.C:
	}
}

// observer returns obs that also lets the completion begin at the first
// event handled.
func (s *keyPointsStart) observer(obs bot.Observer) bot.Observer {
	return startObserver{Observer: obs, start: s.open}
}

// startObserver is an Observer that calls start after each event handled.
type startObserver struct {
	bot.Observer
	start func()
}

func (o startObserver) EventHandled(p bot.Platform, kind string, took time.Duration, replies int) {
	o.start()
	o.Observer.EventHandled(p, kind, took, replies)
}
