package engine

import "sync"

// keyedLocks hands out one mutex per key, kept only while someone holds or
// waits for it, so that the map stays as small as the work in flight.
type keyedLocks struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

type keyedLock struct {
	mu   sync.Mutex
	refs int
}

// lock locks key and returns the function that unlocks it.
func (k *keyedLocks) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = make(map[string]*keyedLock)
	}
	l := k.locks[key]
	if l == nil {
		l = &keyedLock{}
		k.locks[key] = l
	}
	l.refs++
	k.mu.Unlock()

	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		k.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}

// serialize makes the work on one chat, and on one person, happen one step
// at a time. A step reads the chat's and the person's records and writes
// them back; platforms may hand over several events at once (Discord runs
// each in its own goroutine; a double tap is two events), and the
// scheduler and the outbox work beside them. Without it, two answers to
// one open question were both graded and one of them lost from the
// person's totals. The chat is always locked before the person, so two
// steps never wait for each other. Either key may be empty.
func (b *Bot) serialize(chatKey, userKey string) (unlock func()) {
	var unlocks []func()
	if chatKey != "" {
		unlocks = append(unlocks, b.turns.lock("chat\x00"+chatKey))
	}
	if userKey != "" {
		unlocks = append(unlocks, b.turns.lock("user\x00"+userKey))
	}
	return func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}
}
