package engine_test

import (
	"strings"
	"testing"
)

// TestSlashStandIns is report item B5: a full-width slash (／hint) or what
// a Chinese input method types for "/" (、next) is a command when a
// command's name follows, not an answer graded 0%.
func TestSlashStandIns(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	rs := h.say("／hint")
	mustContain(t, text(rs), "提示 1/")
	rs = h.say("、HINT")
	mustContain(t, text(rs), "提示 2/")
	rs = h.say("、next")
	mustContain(t, text(rs), "没答完")
	rs = h.say("／skip")
	if strings.Contains(text(rs), "📊") {
		t.Errorf("／skip was graded:\n%s", text(rs))
	}
	// Not a command name: an answer like any other.
	rs = h.say("、恢复点目标和恢复时间目标，决定备份频率")
	mustContain(t, text(rs), "📊")
	if st := text(h.cmd("stats", "")); !strings.Contains(st, "已作答 1 次") {
		t.Errorf("stats after one answer:\n%s", st)
	}
}
