package telegram_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestAttachmentFailureKeepsTheText: when Telegram will not take a file
// (5xx past the retries, 413 too large), the text that came with it is
// sent alone with a one-line note: the interview report is not lost with
// its chart (and /report shows it again), nor /export's summary with its
// JSON.
func TestAttachmentFailureKeepsTheText(t *testing.T) {
	srv := newServer(t)
	core, _ := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	ada := telegramfake.User{ID: 7, FirstName: "Ada", LanguageCode: "zh"}
	chat := telegramfake.PrivateChat(ada)
	n := 0
	next := func() telegramfake.SentMessage {
		t.Helper()
		n++
		ms, err := srv.WaitMessages(ctx, ada.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		return ms[n-1]
	}

	srv.SendCommand(chat, ada, "interview", "1")
	next() // the introduction
	next() // the question
	// The chart's upload fails every try.
	srv.Fail("sendPhoto", 5, telegramfake.ServerError(502))
	srv.SendText(chat, ada, "RPO 是能丢多少数据，RTO 是多久恢复，两者决定备份频率")
	next() // the feedback
	report := next()
	if !strings.Contains(report.PlainText, "面试报告") || !strings.Contains(report.PlainText, "/report") || report.Photo != nil {
		t.Errorf("report without its chart = %s %q, want the text and a note naming /report", report.Method, report.PlainText)
	}
	// /report: the report again, with its chart this time.
	srv.SendCommand(chat, ada, "report", "")
	again := next()
	if again.Photo == nil || !strings.Contains(again.PlainText, "面试报告") {
		t.Errorf("/report = %s %q, want the report with its chart", again.Method, again.PlainText)
	}

	// /export: the file is too large for Telegram.
	srv.Fail("sendDocument", 1, telegramfake.ErrorResponse(413, "Request Entity Too Large"))
	srv.SendCommand(chat, ada, "export", "")
	export := next()
	if export.Document != nil || !strings.Contains(export.PlainText, "你的数据") || !strings.Contains(export.PlainText, "/export") {
		t.Errorf("export without its file = %s %q, want the summary and a note", export.Method, export.PlainText)
	}
}
