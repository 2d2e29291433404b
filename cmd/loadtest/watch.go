package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// sent is a message the bot sent, as the fake answered it.
type sent struct {
	ChatID int64
	Text   string
	// Actions are the callback data of its buttons.
	Actions []string
	// At is when the fake's answer reached the adapter.
	At time.Time
}

// watcher is the adapter's HTTP transport: it passes every request on and
// hands each message the fake accepted to the simulated user of its chat,
// so users know when their question or feedback arrived without polling
// the fake. Latencies are not taken from it but from the fake's own
// request log.
type watcher struct {
	next http.RoundTripper

	mu      sync.Mutex
	inboxes map[int64]chan sent
	dropped atomic.Int64
}

// newWatcher returns a watcher over next.
func newWatcher(next http.RoundTripper) *watcher {
	return &watcher{next: next, inboxes: make(map[int64]chan sent)}
}

// inbox returns the channel that receives a chat's messages.
func (w *watcher) inbox(chatID int64) <-chan sent {
	w.mu.Lock()
	defer w.mu.Unlock()
	ch, ok := w.inboxes[chatID]
	if !ok {
		ch = make(chan sent, 64)
		w.inboxes[chatID] = ch
	}
	return ch
}

// RoundTrip performs the request and reports a sent message.
func (w *watcher) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(req)
	at := time.Now()
	if err != nil || resp.StatusCode != http.StatusOK || !strings.HasSuffix(req.URL.Path, "/sendMessage") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var r struct {
		Result struct {
			Chat struct {
				ID int64 `json:"id"`
			} `json:"chat"`
			Text        string `json:"text"`
			ReplyMarkup struct {
				InlineKeyboard [][]struct {
					CallbackData string `json:"callback_data"`
				} `json:"inline_keyboard"`
			} `json:"reply_markup"`
		} `json:"result"`
	}
	if json.Unmarshal(body, &r) != nil {
		return resp, nil
	}
	m := sent{ChatID: r.Result.Chat.ID, Text: r.Result.Text, At: at}
	for _, row := range r.Result.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			m.Actions = append(m.Actions, b.CallbackData)
		}
	}
	w.mu.Lock()
	ch, ok := w.inboxes[m.ChatID]
	w.mu.Unlock()
	if ok {
		select {
		case ch <- m:
		default:
			w.dropped.Add(1)
		}
	}
	return resp, nil
}
