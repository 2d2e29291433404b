package bank_test

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Notes saved on Chinese Windows are often GBK, and Notepad's "Unicode" is
// UTF-16: both are read, with a warning that says how to convert the file.
func TestEncodings(t *testing.T) {
	notes := "#### **题目**：Redis 持久化有哪两种方式？\n\n#### **参考答案**：\n\n**RDB** 快照和 **AOF** 日志。\n"
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(notes)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(notes)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, data, warning string }{
		{"gbk.md", gbk, "gbk.md:1: warning: the file is not UTF-8 but reads as GB18030 (GBK) Chinese, so it was read that way. Store it as UTF-8 to silence this: iconv -f GB18030 -t UTF-8"},
		{"utf16.txt", utf16, "utf16.txt:1: warning: the file is UTF-16, not UTF-8; it was read as UTF-16."},
	} {
		b, probs := load(t, map[string]string{tt.name: tt.data})
		if probs.HasErrors() || !strings.Contains(probs.String(), tt.warning) {
			t.Errorf("%s: problems:\n%s\nwant %q", tt.name, probs, tt.warning)
		}
		if q := mustMatch(t, b, "Redis 持久化有哪两种方式？"); q.Answer.Text != "RDB 快照和 AOF 日志。" {
			t.Errorf("%s: answer %q", tt.name, q.Answer.Text)
		}
	}
	// Latin-1 is not read as Chinese: its bad bytes are reported, the
	// first with how to convert the file.
	_, probs := load(t, map[string]string{"latin1.md": "### What is a caf\xe9?\n\nA place.\n"})
	if !strings.Contains(probs.String(), "latin1.md:1: error: invalid UTF-8 (the bad bytes were replaced with U+FFFD); if the file is in another encoding, convert it to UTF-8 (iconv") {
		t.Errorf("problems:\n%s", probs)
	}
}
