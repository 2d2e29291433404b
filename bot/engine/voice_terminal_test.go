package engine_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
)

// TestVoiceAtTheTerminal is report item B8: the terminal has nothing to
// tap, so the transcript is not "tap to view"; and /help in the terminal
// says how /voice works, and when voice answers are off, how to turn them
// on.
func TestVoiceAtTheTerminal(t *testing.T) {
	e := &ears{}
	e.heard(spokenRPO)
	h := newHarness(t, withEars(e))
	h.chat = bot.Chat{Platform: bot.Console, ID: "ada", Kind: bot.Private}
	h.user = bot.User{Platform: bot.Console, ID: "ada", Name: "ada"}
	h.cmd("next", "")
	out := text(h.event((&recording{data: []byte("RIFF"), dur: 30 * 1e9}).event()))
	mustContain(t, out, "📝 转写："+spokenRPO)
	if strings.Contains(out, "点开") {
		t.Errorf("the terminal is told to tap:\n%s", out)
	}
	mustContain(t, text(h.cmd("help", "")), "/voice")

	off := newHarness(t)
	off.chat, off.user = h.chat, h.user
	mustContain(t, text(off.cmd("help", "")), "/voice", "speech.endpoint")
}
