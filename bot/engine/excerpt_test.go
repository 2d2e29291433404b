package engine

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestExcerptKeepsWordsWhole: a follow-up showed "参考：…umer in the group,
// so…", the excerpt cut inside "consumer" (round 3). Chinese is cut
// between characters as before.
func TestExcerptKeepsWordsWhole(t *testing.T) {
	en := "Within a consumer group Kafka assigns each partition to exactly one consumer in the group, so adding consumers scales reads up to the number of partitions."
	got := excerpt(en, "adding consumers scales", 60)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Fatalf("excerpt %q: want both ends cut", got)
	}
	for _, w := range strings.Fields(strings.Trim(got, "…")) {
		if w = strings.Trim(w, ",."); !strings.Contains(en, " "+w+" ") && !strings.Contains(en, " "+w+",") && !strings.HasPrefix(en, w+" ") {
			t.Errorf("excerpt %q holds %q, not a whole word of the sentence", got, w)
		}
	}
	if !strings.Contains(got, "adding consumers scales") {
		t.Errorf("excerpt %q lost the point", got)
	}
	zh := strings.Repeat("备份要覆盖虚拟机和数据库，", 10) + "恢复点目标决定备份频率。"
	if got := excerpt(zh, "恢复点目标", 40); utf8.RuneCountInString(got) > 42 || !strings.Contains(got, "恢复点目标") {
		t.Errorf("Chinese excerpt %q", got)
	}
}
