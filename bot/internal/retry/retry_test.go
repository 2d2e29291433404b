package retry_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

func TestBackoffDoublesWithinBounds(t *testing.T) {
	p := retry.Policy{BaseDelay: 100 * time.Millisecond, MaxDelay: 350 * time.Millisecond}.WithDefaults()
	for n, full := range map[int]time.Duration{1: 100, 2: 200, 3: 350, 10: 350} {
		full *= time.Millisecond
		for range 50 {
			if d := p.Backoff(n); d < full/2 || d > full {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", n, d, full/2, full)
			}
		}
	}
}

func TestBudgetGivesUp(t *testing.T) {
	p := retry.Policy{MaxTries: 4, RateLimitTries: 2, BaseDelay: time.Millisecond, MaxElapsed: time.Minute}
	b := p.Start()
	for i := 1; i < 4; i++ {
		if _, ok := b.Failed(false, 0); !ok {
			t.Fatalf("gave up after %d server errors, want 4 tries", i)
		}
	}
	if _, ok := b.Failed(false, 0); ok || b.Tries() != 4 {
		t.Errorf("retried after %d tries, MaxTries is 4", b.Tries())
	}

	b = p.Start()
	if wait, ok := b.Failed(true, 3*time.Second); !ok || wait != 3*time.Second {
		t.Errorf("first rate limit = %v, %v; want the asked 3s", wait, ok)
	}
	if _, ok := b.Failed(true, 0); ok || b.RateLimited() != 2 {
		t.Errorf("retried a second rate limit; RateLimitTries is 2")
	}

	b = p.Start()
	if wait, ok := b.Failed(true, 2*time.Minute); ok || wait != 2*time.Minute {
		t.Errorf("a retry_after beyond MaxElapsed = %v, %v; want to give up at once", wait, ok)
	}
}

func TestZeroPolicyIsTheDefault(t *testing.T) {
	b := retry.Policy{}.Start()
	for i := 1; i < retry.DefaultPolicy().MaxTries; i++ {
		if _, ok := b.Failed(i%2 == 0, time.Millisecond); !ok {
			t.Fatalf("the zero policy gave up after %d tries", i)
		}
	}
	if _, ok := b.Failed(false, 0); ok {
		t.Error("the zero policy retried past DefaultPolicy().MaxTries")
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if err := retry.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("Sleep on a done context = %v after %v", err, time.Since(start))
	}
	if err := retry.Sleep(t.Context(), time.Millisecond); err != nil {
		t.Errorf("Sleep = %v", err)
	}
}
