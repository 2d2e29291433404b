package telegramfake_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestSendMediaAndGetFile: a user's voice message arrives with Telegram's
// fields; getFile gives its path; the file endpoint serves its bytes to the
// bot's token only.
func TestSendMediaAndGetFile(t *testing.T) {
	srv, api := newBot(t)
	chat := telegramfake.PrivateChat(alice)
	data := []byte("OggS\x00voice bytes")
	if _, err := srv.SendMedia(chat, alice, telegramfake.Upload{Kind: "voice", Data: data, Duration: 7, Caption: "my answer"}); err != nil {
		t.Fatal(err)
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0})
	if err != nil || len(ups) != 1 || ups[0].Message == nil || ups[0].Message.Voice == nil {
		t.Fatalf("updates %+v %v", ups, err)
	}
	m := ups[0].Message
	v := m.Voice
	if v.Duration != 7 || v.MimeType != "audio/ogg" || v.FileSize != len(data) || v.FileUniqueID == "" || m.Caption != "my answer" {
		t.Errorf("voice = %+v, caption %q", v, m.Caption)
	}
	f, err := api.GetFile(tgbotapi.FileConfig{FileID: v.FileID})
	if err != nil || !strings.HasPrefix(f.FilePath, "voice/file_") || !strings.HasSuffix(f.FilePath, ".oga") || f.FileSize != len(data) {
		t.Fatalf("getFile = %+v, %v", f, err)
	}
	get := func(token, path string) (int, string) {
		resp, err := http.Get(srv.URL() + "/file/bot" + token + "/" + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(testToken, f.FilePath); code != http.StatusOK || body != string(data) {
		t.Errorf("download = %d %q", code, body)
	}
	if code, _ := get("123456:wrong", f.FilePath); code != http.StatusUnauthorized {
		t.Errorf("download with another token = %d", code)
	}
	if code, _ := get(testToken, "voice/file_999.oga"); code != http.StatusNotFound {
		t.Errorf("download of an unknown path = %d", code)
	}
	if d := srv.Downloads(); len(d) != 1 || d[0] != f.FilePath {
		t.Errorf("Downloads = %v", d)
	}
	if _, err := api.GetFile(tgbotapi.FileConfig{FileID: "nope"}); err == nil || !strings.Contains(err.Error(), "invalid file_id") {
		t.Errorf("getFile of an unknown id: %v", err)
	}
}

func TestGetFileTooBig(t *testing.T) {
	srv, api := newBot(t)
	chat := telegramfake.PrivateChat(alice)
	if _, err := srv.SendMedia(chat, alice, telegramfake.Upload{Kind: "audio", Data: make([]byte, 20<<20+1), FileName: "talk.mp3"}); err != nil {
		t.Fatal(err)
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.Audio == nil {
		t.Fatalf("updates %+v %v", ups, err)
	}
	a := ups[0].Message.Audio
	if a.MimeType != "audio/mpeg" || a.FileName != "talk.mp3" {
		t.Errorf("audio = %+v", a)
	}
	if _, err := api.GetFile(tgbotapi.FileConfig{FileID: a.FileID}); err == nil || !strings.Contains(err.Error(), "file is too big") {
		t.Errorf("getFile of 20 MB + 1 byte: %v", err)
	}
}

// Privacy mode: in a group, a voice message reaches the bot only as a
// reply to one of its messages.
func TestSendMediaPrivacy(t *testing.T) {
	srv, api := newBot(t, telegramfake.WithPrivacyMode(true))
	group := telegramfake.Supergroup(-1001, "g")
	if _, err := srv.SendMedia(group, alice, telegramfake.Upload{Kind: "voice", Data: []byte("x"), Duration: 1}); err != nil {
		t.Fatal(err)
	}
	sent, err := api.Send(tgbotapi.NewMessage(group.ID, "question"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SendMedia(group, alice, telegramfake.Upload{Kind: "video_note", Data: []byte("x"), Duration: 2, ReplyTo: sent.MessageID}); err != nil {
		t.Fatal(err)
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.VideoNote == nil || ups[0].Message.ReplyToMessage == nil {
		t.Fatalf("updates %+v %v", ups, err)
	}
	if _, err := srv.SendMedia(group, alice, telegramfake.Upload{Kind: "voice", ReplyTo: 9999}); err == nil {
		t.Error("a reply to a missing message was accepted")
	}
}
