package grade_test

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/seeds"
)

type devEntry struct {
	Question string `yaml:"question"`
	Replies  []struct {
		Kind    string   `yaml:"kind"`
		Text    string   `yaml:"text"`
		Covered []string `yaml:"covered"`
		Partial []string `yaml:"partial"`
	} `yaml:"replies"`
}

// devFigures are the grader's figures on the dev set.
type devFigures struct {
	pairs, ordered           int
	strongSum, strongMin     float64
	strongN                  int
	vagueMax, offMax         float64
	points, agree            int
	offTopicFlagged, offN    int
	onTopicFlagged, onTopicN int
}

func (f devFigures) String() string {
	return fmt.Sprintf("ordering %d/%d pairs (%.1f%%); strong mean %.2f min %.2f; vague max %.2f; off-topic max %.2f; point agreement %d/%d (%.1f%%); off-topic flagged %d/%d, on-topic flagged %d/%d",
		f.ordered, f.pairs, 100*float64(f.ordered)/float64(f.pairs), f.strongSum/float64(f.strongN), f.strongMin,
		f.vagueMax, f.offMax, f.agree, f.points, 100*float64(f.agree)/float64(f.points),
		f.offTopicFlagged, f.offN, f.onTopicFlagged, f.onTopicN)
}

func seedBank(t testing.TB) *bank.Bank {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: seeds.FS, Prefix: "seeds"})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return b
}

func findQuestion(t testing.TB, b *bank.Bank, prompt string) *bank.Question {
	t.Helper()
	for _, q := range b.Questions() {
		if bank.NormalizePrompt(q.Prompt) == bank.NormalizePrompt(prompt) {
			return q
		}
	}
	t.Fatalf("dev set question not in the seeds: %q", prompt)
	return nil
}

func TestDevSet(t *testing.T) {
	data, err := os.ReadFile("testdata/devset.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var entries []devEntry
	if err := yaml.Unmarshal(data, &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) < 10 {
		t.Fatalf("dev set has %d questions, want at least 10", len(entries))
	}
	b := seedBank(t)
	g := grade.New(b)
	f := devFigures{strongMin: 1}
	rank := map[string]int{"strong": 3, "partial": 2, "vague": 1, "off-topic": 0}
	for _, e := range entries {
		q := findQuestion(t, b, e.Question)
		results := map[string]grade.Result{}
		for _, r := range e.Replies {
			res := g.Grade(q, r.Text)
			results[r.Kind] = res
			t.Logf("%s %-9s coverage %.2f relevance %.2f covered %v partial %v", q.ID, r.Kind, res.Coverage, res.Relevance, texts(res.Covered), texts(res.Partial))
			switch r.Kind {
			case "strong":
				f.strongSum += res.Coverage
				f.strongN++
				f.strongMin = min(f.strongMin, res.Coverage)
			case "vague":
				f.vagueMax = max(f.vagueMax, res.Coverage)
			case "off-topic":
				f.offMax = max(f.offMax, res.Coverage)
			}
			if r.Kind == "off-topic" {
				f.offN++
				if res.OffTopic {
					f.offTopicFlagged++
				}
			} else {
				f.onTopicN++
				if res.OffTopic {
					f.onTopicFlagged++
				}
			}
			if res.Variant != 0 {
				continue // the reader marked points of the primary answer
			}
			for _, p := range append(append(append([]grade.Point{}, res.Covered...), res.Partial...), res.Missed...) {
				want := grade.Missed
				switch {
				case slices.Contains(r.Covered, p.Text):
					want = grade.Covered
				case slices.Contains(r.Partial, p.Text):
					want = grade.Partial
				}
				f.points++
				if p.Status == want {
					f.agree++
				} else {
					t.Logf("  %s %s: point %q graded %s, reader says %s (share %.2f)", q.ID, r.Kind, p.Text, p.Status, want, p.Share)
				}
			}
			for _, name := range append(slices.Clone(r.Covered), r.Partial...) {
				if !hasPoint(res, name) {
					t.Errorf("%s: dev set names %q, which is not a key point of the question", q.ID, name)
				}
			}
		}
		kinds := []string{"strong", "partial", "vague", "off-topic"}
		for i, hi := range kinds {
			for _, lo := range kinds[i+1:] {
				if rank[hi] <= rank[lo] {
					continue
				}
				f.pairs++
				if results[lo].Less(results[hi]) {
					f.ordered++
				} else {
					t.Logf("  %s: %s (%.2f/%.2f) does not rank above %s (%.2f/%.2f)", q.ID, hi, results[hi].Coverage, results[hi].Relevance, lo, results[lo].Coverage, results[lo].Relevance)
				}
			}
		}
	}
	t.Logf("dev set: %d questions × 4 replies: %s", len(entries), f)
	if float64(f.ordered) < 0.95*float64(f.pairs) {
		t.Errorf("ordering %d/%d pairs, want at least 95%%", f.ordered, f.pairs)
	}
	if mean := f.strongSum / float64(f.strongN); mean < 0.65 || f.strongMin < 0.4 {
		t.Errorf("strong paraphrases average %.2f (min %.2f), want ≥ 0.65 and none below 0.4", mean, f.strongMin)
	}
	if f.vagueMax > 0.25 {
		t.Errorf("a vague reply scores %.2f, want ≤ 0.25", f.vagueMax)
	}
	if f.offMax > 0.1 {
		t.Errorf("an off-topic reply scores %.2f, want ≤ 0.1", f.offMax)
	}
	if float64(f.agree) < 0.85*float64(f.points) {
		t.Errorf("point marks agree with the reader on %d/%d, want at least 85%%", f.agree, f.points)
	}
}

func texts(ps []grade.Point) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

func hasPoint(res grade.Result, text string) bool {
	for _, list := range [][]grade.Point{res.Covered, res.Partial, res.Missed} {
		for _, p := range list {
			if p.Text == text {
				return true
			}
		}
	}
	return false
}
