package telegram_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestChannelRefusesRounds: /next and /subscribe posted in a channel
// (where readers cannot answer) are refused with a short explanation; no
// round opens and no schedule is set. /help still works there.
func TestChannelRefusesRounds(t *testing.T) {
	srv := newServer(t)
	core, db := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	channel := telegramfake.Chat{ID: -1002003004005, Type: telegramfake.ChatChannel, Title: "news"}
	srv.AddChat(channel)
	post := func(id int, text string) {
		t.Helper()
		cmd := strings.Fields(text)[0]
		update, err := json.Marshal(map[string]any{"channel_post": map[string]any{
			"message_id": id, "date": time.Now().Unix(), "chat": channel, "sender_chat": channel, "text": text,
			"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": len(cmd)}},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.SendUpdate(update); err != nil {
			t.Fatal(err)
		}
	}
	post(1, "/next")
	post(2, "/subscribe 09:00")
	post(3, "/help")
	msgs, err := srv.WaitMessages(ctx, channel.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range msgs[:2] {
		if !strings.Contains(m.PlainText, "频道") || !strings.Contains(m.PlainText, "群") || len(m.Buttons()) != 0 {
			t.Errorf("answer %d in the channel: %q, want the explanation", i+1, m.PlainText)
		}
	}
	if !strings.Contains(msgs[2].PlainText, "/next") {
		t.Errorf("/help in the channel: %q", msgs[2].PlainText)
	}
	key := bot.Chat{Platform: bot.Telegram, ID: "-1002003004005"}.Key()
	if _, err := db.OpenRound(ctx, key); err == nil {
		t.Error("a round opened in the channel")
	}
	if c, err := db.Chat(ctx, key); err != nil || c.Schedule != nil {
		t.Errorf("channel record %+v, %v: want no schedule", c, err)
	}
}
