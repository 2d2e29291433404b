package engine_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/speech"
)

// ears is the transcriber of the core tests: it hears a scripted
// transcript and records what it was sent.
type ears struct {
	mu    sync.Mutex
	text  string
	segs  []speech.Segment
	err   error
	calls []speech.Audio
	// gate, when set, holds each transcription until it is closed.
	gate chan struct{}
}

func (e *ears) Transcribe(ctx context.Context, a speech.Audio) (speech.Transcript, error) {
	e.mu.Lock()
	e.calls = append(e.calls, a)
	text, segs, err, gate := e.text, e.segs, e.err, e.gate
	e.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return speech.Transcript{}, ctx.Err()
		}
	}
	return speech.Transcript{Text: text, Segments: segs}, err
}

func (e *ears) heard(text string, segs ...speech.Segment) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.text, e.segs, e.err = text, segs, nil
}

func (e *ears) fail(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.err = err
}

func (e *ears) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.calls)
}

func withEars(e *ears) func(*engine.Config) {
	return func(c *engine.Config) { c.Transcriber = e }
}

// recording is a voice message of data; dur is what the platform says of
// its length (0: nothing). opened counts downloads.
type recording struct {
	kind   bot.MediaKind
	data   []byte
	dur    time.Duration
	size   int64
	opened int
	err    error
}

func (r *recording) event() bot.Event {
	kind := r.kind
	if kind == "" {
		kind = bot.MediaVoice
	}
	return bot.Event{Kind: bot.EventMessage, Media: &bot.Media{
		Kind: kind, Name: "voice.oga", MIME: "audio/ogg", Size: r.size, Duration: r.dur,
		Open: func(context.Context) (io.ReadCloser, error) {
			r.opened++
			if r.err != nil {
				return nil, r.err
			}
			return io.NopCloser(bytes.NewReader(r.data)), nil
		},
	}}
}

// spokenRPO is an answer to 什么是 RPO 和 RTO？ as people say it: fillers
// between the words, one inside a key point (备份那个频率).
const spokenRPO = "嗯，RPO 就是恢复点目标，呃，就是可以丢多少数据，然后 RTO 是恢复时间目标，两者决定备份那个频率。"

func TestVoiceAnswerGradedWithDelivery(t *testing.T) {
	e := &ears{}
	e.heard(spokenRPO,
		speech.Segment{Start: 0, End: 9 * time.Second, Text: "嗯，RPO 就是恢复点目标，呃，就是可以丢多少数据，"},
		speech.Segment{Start: 13 * time.Second, End: 24 * time.Second, Text: "然后 RTO 是恢复时间目标，两者决定备份那个频率。"})
	h := newHarness(t, withEars(e))
	if q := askedQuestion(t, h.cmd("next", "")); q != "rpo" {
		t.Fatalf("asked %s", q)
	}
	rec := &recording{data: []byte("OggS…opus…"), dur: 30 * time.Second}
	rs := h.event(rec.event())
	out := text(rs)
	mustContain(t, out, "覆盖 3/3", "恢复点目标", "备份频率",
		"🎙 口头表达", "⏱ 时长 30秒（目标 2分钟 以内）",
		// By hand: 37 characters and 2 words (RPO, RTO) in half a minute;
		// 嗯, 就是 ×2, 呃, 然后, 那个: 6 fillers, ties in the configured order.
		"🗣 语速 78 字/分钟，偏慢",
		"😶 口头禅 12.0 次/分钟：就是 ×2、嗯 ×1、呃 ×1（想不好时停顿一下",
		"⏸ 1 次超过 3秒 的停顿，最长 4.0s（在 0:09）",
		"📝 转写（点开查看）："+spokenRPO)
	var transcript *bot.Span
	for _, r := range rs {
		for _, l := range r.Text {
			for i, s := range l.Spans {
				if s.Text == spokenRPO {
					transcript = &l.Spans[i]
				}
			}
		}
	}
	if transcript == nil || transcript.Style != bot.Spoiler {
		t.Errorf("the transcript is not behind a spoiler: %+v", transcript)
	}
	// What the transcriber was sent.
	if e.count() != 1 {
		t.Fatalf("%d transcriptions", e.count())
	}
	a := e.calls[0]
	if string(a.Data) != "OggS…opus…" || a.Name != "voice.oga" || a.MIME != "audio/ogg" || a.Language != "zh" {
		t.Errorf("audio sent = %q %s %s %s", a.Data, a.Name, a.MIME, a.Language)
	}
	// The attempt keeps the transcript as heard and the figures.
	atts, err := h.db.Attempts(h.ctx, h.user.Key())
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts %v %v", atts, err)
	}
	att := atts[0]
	if att.Reply != spokenRPO || att.Spoken == nil || att.Coverage != 1 {
		t.Fatalf("attempt = %q %+v %v", att.Reply, att.Spoken, att.Coverage)
	}
	want := bot.Spoken{Media: bot.MediaVoice, Seconds: 30, Unit: "char", Units: 39, PerMinute: 78, Fillers: 6, FillersPerMinute: 12,
		TopFillers: []bot.FillerCount{{Word: "就是", Count: 2}, {Word: "嗯", Count: 1}, {Word: "呃", Count: 1}},
		Timed:      true, LongPauses: 1, LongestPause: 4, LongestPauseAt: 9}
	got := *att.Spoken
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("spoken = %+v\nwant     %+v", got, want)
	}
	// The question is closed: a typed line now is not an answer.
	mustContain(t, text(h.say("还有吗")), "现在没有待回答的题")
}

// The key-point coverage is graded on the transcript without its fillers:
// the grader hears 备份频率 where the person said 备份那个频率, and none of
// 嗯, 呃, 就是, 然后. The attempt keeps the transcript as heard.
func TestVoiceGradedWithoutFillers(t *testing.T) {
	e := &ears{}
	e.heard(spokenRPO)
	spy := &gradedTexts{g: nil}
	h := newHarness(t, withEars(e), func(c *engine.Config) {
		spy.g = grade.New(c.Bank)
		c.Grader = spy
	})
	h.cmd("next", "")
	h.event((&recording{data: []byte("x"), dur: 20 * time.Second}).event())
	if len(spy.texts) != 1 {
		t.Fatalf("graded %d texts, want 1: %q", len(spy.texts), spy.texts)
	}
	got := spy.texts[0]
	for _, filler := range []string{"嗯", "呃", "就是", "然后", "那个"} {
		if strings.Contains(got, filler) {
			t.Errorf("graded text %q still holds the filler %q", got, filler)
		}
	}
	if !strings.Contains(got, "备份频率") {
		t.Errorf("graded text %q, want 备份频率 without the filler between", got)
	}
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	if len(atts) != 1 || atts[0].Reply != spokenRPO || !slices.Contains(atts[0].Covered, "备份频率") {
		t.Errorf("attempt = %+v, want the transcript as heard, covering 备份频率", atts)
	}
}

// gradedTexts is a grader that records the texts it grades.
type gradedTexts struct {
	g     *grade.Grader
	texts []string
}

func (s *gradedTexts) Grade(q *bank.Question, reply string) grade.Result {
	s.texts = append(s.texts, reply)
	return s.g.Grade(q, reply)
}

func TestVoiceOffByDefault(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	rec := &recording{data: []byte("x"), dur: 10 * time.Second}
	rs := h.event(rec.event())
	if len(rs) != 1 || rs[0].Text.Plain() != "🎙 语音作答需要配置 speech.endpoint（见 README）。请先打字作答。" {
		t.Fatalf("replies = %q", text(rs))
	}
	if rec.opened != 0 {
		t.Error("the recording was downloaded although voice is off")
	}
	// Nothing was lost: the question is still open.
	mustContain(t, text(h.say("RPO 是恢复点目标")), "覆盖")
}

func TestVoiceFailuresKeepTheQuestion(t *testing.T) {
	const sixMinutesWAV = 6 * 60
	tests := []struct {
		name        string
		rec         recording
		transcribe  error
		heard       string
		want        string
		downloaded  bool
		transcribed bool
	}{
		{name: "endpoint down", rec: recording{data: []byte("x"), dur: 5 * time.Second},
			transcribe: fmt.Errorf("%w: connection refused", speech.ErrUnavailable),
			want:       "这条语音没能转成文字。请再发一次，或者打字作答", downloaded: true, transcribed: true},
		{name: "recording refused", rec: recording{data: []byte("x"), dur: 5 * time.Second},
			transcribe: fmt.Errorf("%w: failed to read WAV file", speech.ErrRejected),
			want:       "语音识别服务读不了这条录音", downloaded: true, transcribed: true},
		{name: "download failed", rec: recording{data: []byte("x"), dur: 5 * time.Second, err: errors.New("502 from the CDN")},
			want: "这条语音没能转成文字", downloaded: true},
		{name: "too long by the platform's word", rec: recording{data: []byte("x"), dur: 7 * time.Minute},
			want: "这条语音有 7分钟，超过了 5分钟 的上限"},
		{name: "too long by the file's header", rec: recording{data: wavOf(8000, sixMinutesWAV)},
			want: "这条语音有 6分钟，超过了 5分钟 的上限", downloaded: true},
		{name: "too large by the platform's word", rec: recording{data: []byte("x"), size: 21 << 20},
			want: "这个文件超过了 20 MB 的上限"},
		{name: "too large once downloaded", rec: recording{data: make([]byte, 20<<20+1)},
			want: "这个文件超过了 20 MB 的上限", downloaded: true},
		{name: "adapter says too large", rec: recording{data: []byte("x"), err: fmt.Errorf("getFile: file is too big: %w", bot.ErrMediaTooLarge)},
			want: "这个文件超过了 20 MB 的上限", downloaded: true},
		{name: "silence", rec: recording{data: []byte("x"), dur: 5 * time.Second}, heard: " 。 ",
			want: "这条语音里没听到说话", downloaded: true, transcribed: true},
		{name: "only fillers", rec: recording{data: []byte("x"), dur: 5 * time.Second}, heard: "嗯……呃，那个，um",
			want: "只听到了“嗯”“啊”之类的语气词", downloaded: true, transcribed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &ears{}
			e.heard(tt.heard)
			e.fail(tt.transcribe)
			h := newHarness(t, withEars(e))
			h.cmd("next", "")
			rec := tt.rec
			rs := h.event(rec.event())
			if len(rs) != 1 || !strings.Contains(rs[0].Text.Plain(), tt.want) || rs[0].Kind != bot.KindError {
				t.Fatalf("replies = %q, want one note with %q", text(rs), tt.want)
			}
			if (rec.opened > 0) != tt.downloaded || (e.count() > 0) != tt.transcribed {
				t.Errorf("downloaded %d times, transcribed %d times; want %v, %v", rec.opened, e.count(), tt.downloaded, tt.transcribed)
			}
			if atts, _ := h.db.Attempts(h.ctx, h.user.Key()); len(atts) != 0 {
				t.Errorf("an attempt was recorded: %+v", atts)
			}
			// Never a lost question: it is still open, and a typed answer
			// is graded.
			mustContain(t, text(h.say("RPO 是恢复点目标")), "覆盖 1/3")
		})
	}
}

// withBank replaces the test bank.
func withBank(t *testing.T, yaml string) func(*engine.Config) {
	return func(c *engine.Config) {
		b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(yaml)}}})
		if probs.HasErrors() {
			t.Fatal(probs)
		}
		c.Bank = b
	}
}

// wavOf is a silent 16-bit mono WAV of the given length.
func wavOf(rate, seconds int) []byte {
	n := rate * 2 * seconds
	var b bytes.Buffer
	b.WriteString("RIFF\x00\x00\x00\x00WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(rate * 2), uint16(2), uint16(16)} {
		switch x := v.(type) {
		case uint32:
			b.Write([]byte{byte(x), byte(x >> 8), byte(x >> 16), byte(x >> 24)})
		case uint16:
			b.Write([]byte{byte(x), byte(x >> 8)})
		}
	}
	b.WriteString("data")
	b.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)})
	b.Write(make([]byte, n))
	return b.Bytes()
}

// A recording whose length nobody tells (an MP3 file, an endpoint without
// durations or segments) gets its fillers counted, without rates.
func TestVoiceUnknownLength(t *testing.T) {
	e := &ears{}
	e.heard(spokenRPO)
	h := newHarness(t, withEars(e))
	h.cmd("next", "")
	out := text(h.event((&recording{kind: bot.MediaAudio, data: []byte("ID3\x04 an mp3")}).event()))
	mustContain(t, out, "覆盖 3/3", "🎙 口头表达", "😶 口头禅 6 次：就是 ×2、嗯 ×1、呃 ×1")
	for _, absent := range []string{"⏱", "语速", "次/分钟"} {
		if strings.Contains(out, absent) {
			t.Errorf("feedback shows %q without a length:\n%s", absent, out)
		}
	}
	mustContain(t, text(h.cmd("stats", "")), "🎙 口述作答 1 次")
}

// Stickers, photos and files while a question is open get a short note;
// without an open question they are left alone.
func TestNonTextMessages(t *testing.T) {
	for _, voiceOn := range []bool{false, true} {
		e := &ears{}
		var tweaks []func(*engine.Config)
		want := "请打字作答。"
		if voiceOn {
			tweaks = append(tweaks, withEars(e))
			want = "请打字作答，或者发一条语音。"
		}
		h := newHarness(t, tweaks...)
		sticker := bot.Event{Kind: bot.EventMessage, Media: &bot.Media{Kind: bot.MediaSticker}}
		if rs := h.event(sticker); len(rs) != 0 {
			t.Errorf("a sticker without an open question got %q", text(rs))
		}
		h.cmd("next", "")
		for _, kind := range []bot.MediaKind{bot.MediaSticker, bot.MediaPhoto, bot.MediaOther} {
			rs := h.event(bot.Event{Kind: bot.EventMessage, Media: &bot.Media{Kind: kind}})
			if len(rs) != 1 || !strings.HasSuffix(rs[0].Text.Plain(), want) || rs[0].ReplyTo == "" {
				t.Errorf("voice %v, %s: %q", voiceOn, kind, text(rs))
			}
		}
		// A photo with a caption is its caption: an answer.
		mustContain(t, text(h.event(bot.Event{Kind: bot.EventMessage, Text: "RPO 是恢复点目标", Media: &bot.Media{Kind: bot.MediaPhoto}})), "覆盖 1/3")
	}
}

func TestVoiceWithoutOpenQuestion(t *testing.T) {
	e := &ears{}
	h := newHarness(t, withEars(e))
	rec := &recording{data: []byte("x"), dur: 5 * time.Second}
	mustContain(t, text(h.event(rec.event())), "现在没有待回答的题")
	// In a group, a voice message that answers nothing stays unanswered.
	ada := newMember("1", "Ada")
	if rs := h.inGroup(ada, rec.event()); len(rs) != 0 {
		t.Errorf("group chatter got %q", text(rs))
	}
	if rec.opened != 0 || e.count() != 0 {
		t.Error("a recording that answers nothing was downloaded")
	}
}

// A voice message the platform delivers again after a crash shows its
// feedback again without a second transcription or attempt.
func TestVoiceRedelivered(t *testing.T) {
	e := &ears{}
	e.heard(spokenRPO)
	h := newHarness(t, withEars(e))
	h.cmd("next", "")
	rec := &recording{data: []byte("x"), dur: 20 * time.Second}
	first := text(h.event(rec.event()))
	again := text(h.again())
	mustContain(t, again, "覆盖 3/3", "口头禅", spokenRPO)
	if e.count() != 1 || rec.opened != 1 {
		t.Errorf("transcribed %d times, downloaded %d times; want once", e.count(), rec.opened)
	}
	if atts, _ := h.db.Attempts(h.ctx, h.user.Key()); len(atts) != 1 {
		t.Errorf("%d attempts, want 1", len(atts))
	}
	if !strings.Contains(first, "🎙 口头表达") {
		t.Errorf("first feedback without delivery: %q", first)
	}
}

// Transcription does not hold the chat: the person's other commands are
// answered while it runs, and the transcript then answers the question.
func TestVoiceTranscriptionDoesNotBlock(t *testing.T) {
	e := &ears{gate: make(chan struct{})}
	e.heard(spokenRPO)
	h := newHarness(t, withEars(e))
	h.cmd("next", "")
	done := make(chan []bot.Reply)
	ev := (&recording{data: []byte("x"), dur: 20 * time.Second}).event()
	ev.Chat, ev.User, ev.MessageID = h.chat, h.user, "voice-1"
	go func() { done <- h.bot.Handle(h.ctx, ev) }()
	deadline := time.Now().Add(5 * time.Second)
	for e.count() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	stats := make(chan []bot.Reply)
	go func() {
		stats <- h.bot.Handle(h.ctx, bot.Event{Kind: bot.EventCommand, Command: "stats", Chat: h.chat, User: h.user})
	}()
	select {
	case rs := <-stats:
		mustContain(t, text(rs), "我的进度")
	case <-time.After(5 * time.Second):
		t.Fatal("/stats waited for the transcription")
	}
	close(e.gate)
	mustContain(t, text(<-done), "覆盖 3/3")
}

func TestVoiceLanguage(t *testing.T) {
	const english = `questions:
  - id: cap
    prompt: What does the CAP theorem say?
    answer: A distributed store can offer only two of **consistency**, **availability** and **partition tolerance**.
`
	for _, tt := range []struct{ setting, want string }{{"", "en"}, {"auto", ""}, {"fr", "fr"}} {
		e := &ears{}
		e.heard("um, consistency and availability, uh, you can't have both under a partition")
		h := newHarness(t, withEars(e), withBank(t, english), func(c *engine.Config) { c.Voice.Language = tt.setting })
		h.cmd("next", "")
		rs := h.event((&recording{data: []byte("x"), dur: 12 * time.Second}).event())
		if e.count() != 1 || e.calls[0].Language != tt.want {
			t.Errorf("language %q: sent %+v, want %q", tt.setting, e.calls, tt.want)
		}
		// An English answer is measured in words: 12 words in 12 s.
		mustContain(t, text(rs), "60 词/分钟", "um ×1、uh ×1")
	}
}

func TestVoiceInterview(t *testing.T) {
	e := &ears{}
	h := newHarness(t, withEars(e))
	h.cmd("interview", "2")
	e.heard("嗯，快照依赖原始存储，然后它不能替代备份，备份是独立的副本，可以跨区域保存。")
	mustContain(t, text(h.event((&recording{data: []byte("x"), dur: 40 * time.Second}).event())),
		"🎙 50 字/分钟 · 口头禅 3.0 次/分钟", "📝 转写（点开查看）：嗯，快照")
	// Typed answers to the follow-up and the next question end it.
	var out string
	for i := 0; i < 4 && !strings.Contains(out, "面试报告"); i++ {
		out = text(h.say("多版本并发控制，恢复点目标"))
	}
	mustContain(t, out, "面试报告", "🎙 本场口述 1 题 · ")
	if !strings.Contains(out, "字/分钟 · 口头禅") {
		t.Errorf("report without the spoken figures: %q", out)
	}
}

func TestVoiceStatsTrend(t *testing.T) {
	e := &ears{}
	h := newHarness(t, withEars(e))
	// Six spoken answers, fewer fillers each time, then a typed one.
	for i := 0; i < 6; i++ {
		h.clock.Add(24 * time.Hour)
		h.cmd("next", "")
		fillers := strings.Repeat("嗯，", 6-i)
		e.heard(fillers + "恢复点目标是能丢多少数据，恢复时间目标是多久恢复。")
		h.event((&recording{data: []byte("x"), dur: 30 * time.Second}).event())
	}
	h.cmd("next", "")
	h.say("RPO 是恢复点目标")
	out := text(h.cmd("stats", ""))
	mustContain(t, out, "🎙 口述作答 6 次", "覆盖率：口述 ",
		"口头禅：█▆▅▃▂▁ 6.0 次/分钟（之前 12.0）", // the last five (10, 8, 6, 4, 2 a minute) against the first (12)
		"语速：", "字/分钟")
	if !strings.Contains(out, "█") || !strings.Contains(out, "▁") {
		t.Errorf("no sparkline in %q", out)
	}
}

// /forget leaves no transcript behind.
func TestVoiceForget(t *testing.T) {
	e := &ears{}
	e.heard("SPOKEN-TRACE-QQ 恢复点目标")
	h := newHarness(t, withEars(e))
	h.cmd("next", "")
	h.event((&recording{data: []byte("AUDIO-BYTES-QQ"), dur: 10 * time.Second}).event())
	h.cmd("forget", "")
	mustContain(t, text(h.press("forget:yes")), "已删除")
	path := h.db.Path()
	if err := h.db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, trace := range []string{"SPOKEN-TRACE-QQ", "AUDIO-BYTES-QQ"} {
		if bytes.Contains(raw, []byte(trace)) {
			t.Errorf("%q is in the database file", trace)
		}
	}
}

func TestVoiceGroupRound(t *testing.T) {
	e := &ears{}
	e.heard("就是多版本并发控制，然后读不阻塞写，靠 undo 日志和事务快照。")
	h := newHarness(t, withEars(e))
	ada := newMember("1", "Ada")
	h.event(bot.Event{Kind: bot.EventCommand, Command: "start", Chat: ada.dm, User: ada.user})
	h.inGroup(ada, bot.Event{Kind: bot.EventCommand, Command: "next"})
	ev := (&recording{data: []byte("x"), dur: 25 * time.Second}).event()
	ev.ReplyTo = roundMessage(t, h)
	rs := h.inGroup(ada, ev)
	if len(rs) == 0 {
		t.Fatal("no feedback")
	}
	for _, r := range rs {
		if !r.Private {
			t.Errorf("a public reply in the group: %q", r.Text.Plain())
		}
	}
	mustContain(t, text(rs), "覆盖", "🎙 口头表达")
	r, err := h.db.OpenRound(h.ctx, group.Key())
	if err != nil || len(r.Answers) != 1 {
		t.Errorf("round answers %+v %v", r.Answers, err)
	}
}

// TestVoiceTranscriptOfInvalidBytes: a transcription service that returns
// bytes that are no text got them echoed in the feedback's transcript
// (found by FuzzHandle); every reply is valid UTF-8.
func TestVoiceTranscriptOfInvalidBytes(t *testing.T) {
	e := &ears{}
	e.heard("\xf70 RPO 是恢复点目标\xff")
	h := newHarness(t, withEars(e))
	askedQuestion(t, h.cmd("next", ""))
	rec := &recording{data: []byte("OggS…opus…"), dur: 5 * time.Second}
	for _, r := range h.event(rec.event()) {
		if s := r.Text.Plain(); !utf8.ValidString(s) {
			t.Errorf("reply is not valid UTF-8: %q", s)
		}
	}
}
