package textnorm_test

import (
	"slices"
	"testing"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

func TestCompact(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Crash-Consistent", "crash consistent"},
		{"ｃｒａｓｈ　ｃｏｎｓｉｓｔｅｎｔ", "Crash Consistent"},
		{"一致性，保障！", "一致性 保障"},
		{"ＲＰＯ：１５分钟", "rpo 15分钟"},
		{"K8s", "k8s"},
		{"Straße", "STRASSE"},
	}
	for _, tt := range tests {
		if a, b := textnorm.Compact(tt.a), textnorm.Compact(tt.b); a != b {
			t.Errorf("Compact(%q) = %q, Compact(%q) = %q; want equal", tt.a, a, tt.b, b)
		}
	}
	if got := textnorm.Compact("a\xffb"); got != "ab" {
		t.Errorf("invalid UTF-8: got %q", got)
	}
	if got := textnorm.Compact("👍🎉 …"); got != "" {
		t.Errorf("emoji and punctuation carry no content: got %q", got)
	}
}

func TestUnits(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"一致性的保障", []string{"一致", "致性", "性保", "保障"}},
		{"一致性保障", []string{"一致", "致性", "性保", "保障"}},
		{"Block/Bitmap 验证", []string{"block", "bitmap", "验证"}},
		{"the snapshots of VMs", []string{"snapshot", "vms"}},
		{"用 K8s 的", []string{"用", "k8s"}},
	}
	for _, tt := range tests {
		if got := textnorm.Units(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Units(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"客户的核心    痛点", "客户的核心痛点"},
		{"  Azure   Backup 服务  ", "Azure Backup 服务"},
		{"IaaS 层到 PaaS 层", "IaaS 层到 PaaS 层"},
	}
	for _, tt := range tests {
		if got := textnorm.CleanSpaces(tt.in); got != tt.want {
			t.Errorf("CleanSpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	got := textnorm.Sentences("第一句。第二句！Is v1.2 ok? Yes. 最后")
	want := []string{"第一句。", "第二句！", "Is v1.2 ok?", "Yes.", "最后"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestQuickFoldAgreesWithFold checks the fast path against the general
// NFKC + case folding on the characters it handles.
func TestQuickFoldAgreesWithFold(t *testing.T) {
	var sb []rune
	for r := rune(0); r < 0x80; r++ {
		sb = append(sb, r)
	}
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		sb = append(sb, r)
	}
	sb = append(sb, 0x3000, 0x3001, 0x3002, 0x3003, 0x3008, 0x3011, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, '一', '龥', '备', '份')
	for _, r := range sb {
		s := string(r)
		if got, want := textnorm.Fold(s), textnorm.FoldSlow(s); got != want {
			t.Errorf("Fold(%U) = %q, general path gives %q", r, got, want)
		}
	}
}
