package main

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

type countingObserver struct {
	bot.Observer
	events int
}

func (o *countingObserver) EventHandled(bot.Platform, string, time.Duration, int) { o.events++ }

// TestKeyPointsStartAtFirstEvent: the completion waits for the first event
// handled, which the observer still counts, and not for the delay.
func TestKeyPointsStartAtFirstEvent(t *testing.T) {
	s := newKeyPointsStart()
	counted := &countingObserver{}
	obs := s.observer(counted)
	done := make(chan struct{})
	go func() {
		s.wait(time.Hour)
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("the completion began before any event")
	case <-time.After(20 * time.Millisecond):
	}
	obs.EventHandled(bot.Console, "command", time.Millisecond, 1)
	obs.EventHandled(bot.Console, "message", time.Millisecond, 1)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the completion did not begin after the first event")
	}
	if counted.events != 2 {
		t.Errorf("the metrics saw %d events, want 2", counted.events)
	}
}

// TestKeyPointsStartAfterDelay: with no event (a chat bot nobody writes
// to, an event that waits for the key points), the completion begins after
// the delay.
func TestKeyPointsStartAfterDelay(t *testing.T) {
	s := newKeyPointsStart()
	done := make(chan struct{})
	go func() {
		s.wait(10 * time.Millisecond)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the completion did not begin after the delay")
	}
}
