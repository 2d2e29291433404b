package drain_test

import (
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/internal/drain"
)

func TestWait(t *testing.T) {
	var wg sync.WaitGroup
	if !drain.Wait(&wg, time.Millisecond) {
		t.Error("Wait on an idle group = false")
	}
	wg.Add(1)
	if drain.Wait(&wg, 10*time.Millisecond) {
		t.Error("Wait with a job still running = true")
	}
	release := make(chan struct{})
	go func() {
		<-release
		wg.Done()
	}()
	close(release)
	if !drain.Wait(&wg, 5*time.Second) {
		t.Error("Wait did not see the job finish")
	}
}
