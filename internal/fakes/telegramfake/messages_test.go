package telegramfake_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

func TestSendHTMLWithInlineKeyboard(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddChat(telegramfake.PrivateChat(alice))
	m := tgbotapi.NewMessage(alice.ID, "<b>Q1.</b> What is &lt;RPO&gt;?\n<i>Reply</i> to answer. ")
	m.ParseMode = tgbotapi.ModeHTML
	m.ReplyMarkup = keyboard("Again", "rate:1", "Good", "rate:3")
	got, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "Q1. What is <RPO>?\nReply to answer." || len(got.Entities) != 2 || got.Entities[0].Type != "bold" ||
		got.Entities[1].Offset != 19 || got.ReplyMarkup == nil || len(got.ReplyMarkup.InlineKeyboard[0]) != 2 ||
		got.From == nil || got.From.ID != 123456 || got.Chat.ID != alice.ID || got.Date == 0 {
		t.Fatalf("Send = %+v", got)
	}
	msgs, err := srv.WaitMessages(testCtx(t), alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	rec := msgs[0]
	if rec.MessageID != got.MessageID || rec.Text != m.Text || rec.PlainText != got.Text || rec.ParseMode != "HTML" {
		t.Fatalf("record = %+v", rec)
	}
	if data, ok := rec.ButtonData("Good"); !ok || data != "rate:3" || len(rec.Buttons()) != 2 {
		t.Fatalf("buttons = %+v", rec.Keyboard)
	}
}

func TestTextValidation(t *testing.T) {
	long := strings.Repeat("a", 4096)
	tests := []struct {
		name, text, mode string
		wantErr          string
	}{
		{"4096 ASCII characters", long, "", ""},
		{"4097 characters", long + "b", "", "Bad Request: message is too long"},
		{"4096 UTF-16 units of emoji", strings.Repeat("😀", 2048), "", ""},
		{"4098 UTF-16 units of emoji", strings.Repeat("😀", 2049), "", "Bad Request: message is too long"},
		{"4096 CJK characters", strings.Repeat("题", 4096), "", ""},
		{"tags do not count", "<b>" + long + "</b>", "HTML", ""},
		{"entities count once", strings.Repeat("&amp;", 4096), "HTML", ""},
		{"surrounding spaces do not count", "  \n" + long + "\n ", "", ""},
		{"empty", "", "", "Bad Request: message text is empty"},
		{"blank", " \n ", "", "Bad Request: message text is empty"},
		{"empty after parsing", "<b></b>", "HTML", "Bad Request: message text is empty"},
		{"invalid UTF-8", "bad \xff byte", "", "Bad Request: text must be encoded in UTF-8"},
		{"unknown parse mode", "x", "BBCode", "Bad Request: unsupported parse_mode"},
		{"valid nested HTML", `<b>bold <i>both <u>all</u></i></b> <a href="https://example.com">link</a> <code>x</code>`, "HTML", ""},
		{"pre with language", `<pre><code class="language-go">fmt.Println("hi")</code></pre>`, "HTML", ""},
		{"spoiler and quote", `<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>`, "HTML", ""},
		{"references", "a &lt; b &amp;&amp; c &gt; d &quot;e&quot; &#8212; &#x1F600;", "HTML", ""},
		{"bare ampersand is literal", "Q&A, AT&T", "HTML", ""},
		{"lowercase parse mode", "<b>x</b>", "html", ""},
		{"unclosed tag", "<b>bold", "HTML", `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"script tag", "<script>alert(1)</script>", "HTML", `Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 0`},
		{"misnested tags", "<b><i>x</b></i>", "HTML", `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"bare less-than", "if a < b", "HTML", `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 5`},
		{"stray end tag", "x</b>", "HTML", "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"},
		{"span without class", "<span>x</span>", "HTML", `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, bot := newBot(t)
			srv.AddChat(telegramfake.PrivateChat(alice))
			m := tgbotapi.NewMessage(alice.ID, tt.text)
			m.ParseMode = tt.mode
			_, err := bot.Send(m)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				return
			}
			wantAPIError(t, err, 400, tt.wantErr)
			if n := len(srv.Messages(alice.ID)); n != 0 {
				t.Fatalf("%d messages recorded after a rejected send", n)
			}
		})
	}
}

func TestStrictHTML(t *testing.T) {
	srv, bot := newBot(t, telegramfake.WithStrictHTML())
	srv.AddChat(telegramfake.PrivateChat(alice))
	_, err := sendHTML(bot, alice.ID, "Q&amp;A")
	if err != nil {
		t.Fatal(err)
	}
	_, err = sendHTML(bot, alice.ID, "Q&A")
	wantAPIError(t, err, 400, `Bad Request: can't parse entities: Unescaped "&" at byte offset 1 (telegramfake strict HTML mode)`)
}

func TestEditMessage(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddChat(telegramfake.PrivateChat(alice))
	m := tgbotapi.NewMessage(alice.ID, "Question")
	m.ReplyMarkup = keyboard("Show answer", "show")
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	kb := keyboard("Again", "rate:1")
	edit := tgbotapi.NewEditMessageTextAndMarkup(alice.ID, sent.MessageID, "<b>Answer</b>", kb)
	edit.ParseMode = tgbotapi.ModeHTML
	edited, err := bot.Send(edit)
	if err != nil || edited.Text != "Answer" || edited.EditDate == 0 || edited.ReplyMarkup == nil {
		t.Fatalf("edit = %+v, %v", edited, err)
	}
	_, err = bot.Send(edit)
	wantAPIError(t, err, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")

	// Editing the text without reply_markup removes the keyboard, as in Telegram.
	if _, err := bot.Send(tgbotapi.NewEditMessageText(alice.ID, sent.MessageID, "Answer")); err != nil {
		t.Fatal(err)
	}
	rec, _ := srv.Message(alice.ID, sent.MessageID)
	if !rec.Edited || rec.Edits != 2 || rec.PlainText != "Answer" || rec.Keyboard != nil || rec.ParseMode != "" {
		t.Fatalf("record = %+v", rec)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(alice.ID, sent.MessageID, kb)); err != nil {
		t.Fatal(err)
	}
	if rec, _ := srv.Message(alice.ID, sent.MessageID); len(rec.Buttons()) != 1 {
		t.Fatalf("keyboard after editMessageReplyMarkup = %+v", rec.Keyboard)
	}

	_, err = bot.Send(tgbotapi.NewEditMessageText(alice.ID, 999, "x"))
	wantAPIError(t, err, 400, "Bad Request: message to edit not found")
	_, err = bot.Send(tgbotapi.NewEditMessageText(alice.ID, sent.MessageID, ""))
	wantAPIError(t, err, 400, "Bad Request: message text is empty")
	userMsg := srv.SendText(telegramfake.PrivateChat(alice), alice, "mine")
	_, err = bot.Send(tgbotapi.NewEditMessageText(alice.ID, userMsg, "x"))
	wantAPIError(t, err, 400, "Bad Request: message can't be edited")
}

func TestDeleteMessage(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddChat(telegramfake.PrivateChat(alice))
	sent, err := bot.Send(tgbotapi.NewMessage(alice.ID, "temp"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(alice.ID, sent.MessageID)); err != nil {
		t.Fatal(err)
	}
	_, err = bot.Request(tgbotapi.NewDeleteMessage(alice.ID, sent.MessageID))
	wantAPIError(t, err, 400, "Bad Request: message to delete not found")
	if rec, _ := srv.Message(alice.ID, sent.MessageID); !rec.Deleted {
		t.Fatalf("record = %+v, want deleted", rec)
	}
}

func TestCallbackQuery(t *testing.T) {
	srv, bot := newBot(t)
	dm := telegramfake.PrivateChat(alice)
	srv.AddChat(dm)
	m := tgbotapi.NewMessage(alice.ID, "Rate yourself")
	m.ReplyMarkup = keyboard("Hard", "rate:2", "Good", "rate:3")
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.PressButton(dm, alice, sent.MessageID, "rate:9"); err == nil {
		t.Fatal("pressing a button that does not exist succeeded")
	}
	qid, err := srv.PressButton(dm, alice, sent.MessageID, "rate:3")
	if err != nil {
		t.Fatal(err)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("GetUpdates = %+v, %v", ups, err)
	}
	cq := ups[0].CallbackQuery
	if cq.ID != qid || cq.Data != "rate:3" || cq.From.ID != alice.ID || cq.Message == nil ||
		cq.Message.MessageID != sent.MessageID || cq.Message.ReplyMarkup == nil || cq.ChatInstance == "" {
		t.Fatalf("callback query = %+v", cq)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "Saved: Good")); err != nil {
		t.Fatal(err)
	}
	a, err := srv.WaitCallbackAnswer(testCtx(t), qid)
	if err != nil || a.Text != "Saved: Good" || a.ShowAlert {
		t.Fatalf("answer = %+v, %v", a, err)
	}
	const tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid"
	_, err = bot.Request(tgbotapi.NewCallback(cq.ID, "again"))
	wantAPIError(t, err, 400, tooOld)
	_, err = bot.Request(tgbotapi.NewCallback("123", ""))
	wantAPIError(t, err, 400, tooOld)
	if n := len(srv.CallbackAnswers()); n != 1 {
		t.Fatalf("CallbackAnswers = %d, want 1", n)
	}
}

func TestCallbackQueryExpires(t *testing.T) {
	clock := newFakeClock()
	srv, bot := newBot(t, telegramfake.WithClock(clock.Now))
	dm := telegramfake.PrivateChat(alice)
	srv.AddChat(dm)
	m := tgbotapi.NewMessage(alice.ID, "Rate")
	m.ReplyMarkup = keyboard("Good", "g")
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	qid, err := srv.PressButton(dm, alice, sent.MessageID, "g")
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(16e9)
	_, err = bot.Request(tgbotapi.NewCallback(qid, ""))
	wantAPIError(t, err, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
}

func TestSendPhotoAndDocument(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddChat(telegramfake.PrivateChat(alice))
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 640, 400))); err != nil {
		t.Fatal(err)
	}
	photo := tgbotapi.NewPhoto(alice.ID, tgbotapi.FileBytes{Name: "chart.png", Bytes: buf.Bytes()})
	photo.Caption = "<b>Progress</b>"
	photo.ParseMode = tgbotapi.ModeHTML
	got, err := bot.Send(photo)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Photo) < 2 || got.Caption != "Progress" || len(got.CaptionEntities) != 1 {
		t.Fatalf("Send(photo) = %+v", got)
	}
	largest := got.Photo[len(got.Photo)-1]
	if largest.Width != 640 || largest.Height != 400 || got.Photo[0].Width != 90 {
		t.Fatalf("photo sizes = %+v", got.Photo)
	}
	rec, _ := srv.LastMessage(alice.ID)
	if rec.Method != "sendPhoto" || rec.Photo == nil || !bytes.Equal(rec.Photo.Data, buf.Bytes()) || rec.Photo.Name != "chart.png" || rec.PlainText != "Progress" {
		t.Fatalf("record = %+v", rec)
	}
	// The file_id can be sent again without uploading.
	again, err := bot.Send(tgbotapi.NewPhoto(alice.ID, tgbotapi.FileID(largest.FileID)))
	if err != nil || again.Photo[len(again.Photo)-1].FileID != largest.FileID {
		t.Fatalf("resend by file_id = %+v, %v", again.Photo, err)
	}
	// tgbotapi's UploadFiles drops error_code (Code is 0); the description is kept.
	_, err = bot.Send(tgbotapi.NewPhoto(alice.ID, tgbotapi.FileBytes{Name: "x.png", Bytes: []byte("not an image")}))
	if e := apiErr(t, err); e.Message != "Bad Request: IMAGE_PROCESS_FAILED" {
		t.Fatalf("upload of a non-image: %q", e.Message)
	}
	_, err = bot.Send(tgbotapi.NewPhoto(alice.ID, tgbotapi.FileID("nope")))
	wantAPIError(t, err, 400, "Bad Request: wrong file identifier/HTTP URL specified")

	doc, err := bot.Send(tgbotapi.NewDocument(alice.ID, tgbotapi.FileBytes{Name: "backup.json", Bytes: []byte(`{"v":1}`)}))
	if err != nil || doc.Document == nil || doc.Document.FileName != "backup.json" || doc.Document.MimeType != "application/json" || doc.Document.FileSize != 7 {
		t.Fatalf("Send(document) = %+v, %v", doc.Document, err)
	}
	if rec, _ := srv.LastMessage(alice.ID); rec.Document == nil || string(rec.Document.Data) != `{"v":1}` {
		t.Fatalf("document record = %+v", rec)
	}
}
