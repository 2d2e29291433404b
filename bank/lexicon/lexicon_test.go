package lexicon_test

import (
	"slices"
	"testing"

	"github.com/interviewbot/interviewbot/bank/lexicon"
)

func TestSegmentKeepsWordsWhole(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		in   string
		want []string
	}{
		{"并发程度", []string{"并发", "程度"}},
		{"业务连续性和数据可靠性", []string{"业务连续性", "和", "数据", "可靠性"}},
		{"看工单的复杂度和客户场景", []string{"看", "工单", "的", "复杂", "度", "和", "客户", "场景"}},
		{"备份策略", []string{"备份", "策略"}},
	}
	for _, tt := range tests {
		if got := l.Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBridgeAndConcepts(t *testing.T) {
	l := lexicon.Default()
	if !slices.Contains(l.Chinese("backup"), "备份") {
		t.Errorf("backup → %q, want 备份 among them", l.Chinese("backup"))
	}
	if !slices.Contains(l.English("一致性"), "consistency") {
		t.Errorf("一致性 → %q", l.English("一致性"))
	}
	a, ok1 := l.Concept("工单")
	b, ok2 := l.Concept("Case")
	if !ok1 || !ok2 || a != b {
		t.Errorf("工单 and case are not one concept: %d %v, %d %v", a, ok1, b, ok2)
	}
	if l.IsWord("备分") {
		t.Error("备分 (a typo) is a word")
	}
	if lexicon.Sound('份') != lexicon.Sound('分') || lexicon.Sound('份') == lexicon.Sound('策') {
		t.Error("份 and 分 should sound alike, 份 and 策 not")
	}
}

func TestSenses(t *testing.T) {
	l := lexicon.Default()
	shared := func(a, b string) bool {
		for _, s := range l.Senses(a) {
			if slices.Contains(l.Senses(b), s) {
				return true
			}
		}
		return false
	}
	for _, p := range [][2]string{{"经历", "经验"}, {"成长", "发展"}, {"认真", "负责"}} {
		if !shared(p[0], p[1]) {
			t.Errorf("%s and %s share no sense: %q, %q", p[0], p[1], l.Senses(p[0]), l.Senses(p[1]))
		}
	}
	if slices.Contains(l.Senses("工作"), "work") {
		t.Errorf("工作 has the sense \"work\", which glosses too many words to tell near-synonyms: %q", l.Senses("工作"))
	}
	if shared("备份", "一致性") {
		t.Error("备份 and 一致性 share a sense")
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		lexicon.Load()
	}
}

func TestGeneralIDF(t *testing.T) {
	l := lexicon.Default()
	if common, rare := l.GeneralIDF("发展"), l.GeneralIDF("审计"); common >= rare {
		t.Errorf("发展 %.1f is not more common than 审计 %.1f", common, rare)
	}
	if got := l.GeneralIDF("预留实例"); got != lexicon.RareIDF {
		t.Errorf("预留实例: %.1f, want RareIDF for a word the table does not list", got)
	}
}

// BenchmarkLoadAll loads the word list and every table loaded on first use
// (the bridge, senses, verbs, IDF): what a process pays by its first reply.
func BenchmarkLoadAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		l, err := lexicon.Load()
		if err != nil {
			b.Fatal(err)
		}
		l.Chinese("backup")
		l.English("备份")
		l.Senses("经验")
		l.IsVerb("参与")
		l.GeneralIDF("发展")
	}
}

// TestEnglishPartsOfSpeech: WordNet through its lemmas tells a noun from a
// verb, an adverb or a participle, and SemCor's counts which sense
// dominates.
func TestEnglishPartsOfSpeech(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		word     string
		dominant int
		tagged   bool
	}{
		{"example", lexicon.Noun, true},
		{"display", lexicon.Verb, true},      // n8 v37
		{"initializing", lexicon.Verb, true}, // initialize
		{"ignored", lexicon.Verb, true},
		{"However", lexicon.Adverb, true},
		{"built", lexicon.Verb, true}, // an irregular form, from the exception list
		{"queues", lexicon.Noun, true},
		{"callback", lexicon.Noun, false}, // untagged: a rare term
		{"etcd", lexicon.Noun, false},
	}
	for _, tt := range tests {
		w := l.EnglishPOS(tt.word)
		if w.Dominant() != tt.dominant || w.Tagged != tt.tagged {
			t.Errorf("%s: dominant %d tagged %v (%v), want %d %v", tt.word, w.Dominant(), w.Tagged, w.Counts, tt.dominant, tt.tagged)
		}
	}
	for _, w := range []string{"since", "However", "without", "example", "the"} {
		if !l.IsEnglishStopWord(w) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	if l.IsEnglishStopWord("queue") || l.IsEnglishStopWord("closure") {
		t.Error("queue or closure is a stop word")
	}
	if thing, queue := l.EnglishIDF("thing"), l.EnglishIDF("queue"); thing >= 5 || queue != lexicon.RareIDF {
		t.Errorf("EnglishIDF thing %.1f (want under 5), queue %.1f (want %.0f)", thing, queue, lexicon.RareIDF)
	}
}

// BenchmarkLoadEnglish loads the English parts of speech and stop words:
// what the first English answer that marks nothing costs a process.
func BenchmarkLoadEnglish(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		l, err := lexicon.Load()
		if err != nil {
			b.Fatal(err)
		}
		l.EnglishPOS("queues")
		l.IsEnglishStopWord("since")
	}
}

// TestWarm: lookups made while Warm's loads are under way wait for them
// and see the same tables as a cold lookup.
func TestWarm(t *testing.T) {
	lexicon.Warm()
	l := lexicon.Default()
	if !l.IsVerb("参与") || l.GeneralIDF("发展") >= l.GeneralIDF("审计") {
		t.Errorf("after Warm: IsVerb(参与) = %v, IDF 发展 %.1f, 审计 %.1f", l.IsVerb("参与"), l.GeneralIDF("发展"), l.GeneralIDF("审计"))
	}
	fresh, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"参与", "发展", "审计", "预留实例"} {
		if l.IsVerb(w) != fresh.IsVerb(w) || l.GeneralIDF(w) != fresh.GeneralIDF(w) {
			t.Errorf("%s: warmed and fresh lexicons differ", w)
		}
	}
}
