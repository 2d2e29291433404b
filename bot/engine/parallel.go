package engine

import (
	"context"
	"sync"
)

// inParallel calls fn for each item, at most workers calls at once, and
// returns when they are done. Once ctx is done it hands out no more items.
func inParallel[T any](ctx context.Context, workers int, items []T, fn func(T)) {
	work := make(chan T)
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Go(func() {
			for it := range work {
				fn(it)
			}
		})
	}
feed:
	for _, it := range items {
		select {
		case work <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
}
