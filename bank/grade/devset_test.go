package grade_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
	"github.com/interviewbot/interviewbot/seeds"
)

// The dev sets judge replies per IDEA of a question's reference answer, not
// per key point: a careful interviewer's list of what the answer says, each
// idea with the quotes of the answer that state it (its evidence). A key
// point the grader extracts is tied to the idea whose evidence holds it, and
// expected to have that idea's status; a point tied to no idea (filler) is
// expected missed. So the judgments stay valid when extraction changes.

type devQuestion struct {
	Question string     `yaml:"question"`
	HeldOut  bool       `yaml:"held_out"`
	Ideas    []devIdea  `yaml:"ideas"`
	Replies  []devReply `yaml:"replies"`
}

type devIdea struct {
	ID       string   `yaml:"id"`
	Idea     string   `yaml:"idea"`
	Check    []string `yaml:"check"`
	Evidence []string `yaml:"evidence"`
}

type devReply struct {
	Kind    string   `yaml:"kind"`
	Lang    string   `yaml:"lang"`
	Text    string   `yaml:"text"`
	Covered []string `yaml:"covered"`
	Partial []string `yaml:"partial"`
}

// Reply kinds, ranked the way an interviewer orders them; probes must
// score low whatever their rank.
var kindRank = map[string]int{"strong": 3, "partial": 2, "vague": 1, "off-topic": 0}

// devFigures are the grader's figures on (part of) a dev set.
type devFigures struct {
	questions                     int
	pairs, ordered                int
	strongN, strongAgain          int
	strongSum, strongMin          float64
	partialN                      int
	partialSum                    float64
	vagueMax, offMax              float64
	probeN                        int
	probeMax                      float64
	probeWorst                    string
	points, agree                 int
	unmapped, mapped              int
	copyN                         int
	copySum, copySum2             float64
	offTopicFlagged, offN         int
	onTopicFlagged, onTopicN      int
	offVague, onVague             int // replies told too short or general (Vague)
	strongEN, strongENSum         float64
	partialByZero, partialByZeroN int
	// judgedSum and judgedN add up, per reply kind, the coverage the
	// judgments give the key points.
	judgedSum map[string]float64
	judgedN   map[string]int
}

func (f devFigures) strongMean() float64  { return f.strongSum / float64(max(f.strongN, 1)) }
func (f devFigures) partialMean() float64 { return f.partialSum / float64(max(f.partialN, 1)) }
func (f devFigures) orderShare() float64  { return float64(f.ordered) / float64(max(f.pairs, 1)) }
func (f devFigures) agreeShare() float64  { return float64(f.agree) / float64(max(f.points, 1)) }
func (f devFigures) againShare() float64  { return float64(f.strongAgain) / float64(max(f.strongN, 1)) }

func (f devFigures) String() string {
	s := fmt.Sprintf("%d questions; ordering %d/%d pairs (%.1f%%); strong mean %.2f min %.2f, rated Again %d/%d",
		f.questions, f.ordered, f.pairs, 100*f.orderShare(), f.strongMean(), f.strongMin, f.strongAgain, f.strongN)
	if f.strongEN > 0 {
		s += fmt.Sprintf(" (English strong mean %.2f over %.0f)", f.strongENSum/f.strongEN, f.strongEN)
	}
	s += fmt.Sprintf("; partial mean %.2f (%d at 0); vague max %.2f; off-topic max %.2f", f.partialMean(), f.partialByZero, f.vagueMax, f.offMax)
	if f.probeN > 0 {
		s += fmt.Sprintf("; probes %d, max %.2f (%s)", f.probeN, f.probeMax, f.probeWorst)
	}
	s += fmt.Sprintf("; point agreement %d/%d (%.1f%%); points tied to no idea %d/%d; off-topic flagged %d/%d, on-topic flagged %d/%d; told too vague: off-topic %d, on-topic %d",
		f.agree, f.points, 100*f.agreeShare(), f.unmapped, f.mapped+f.unmapped, f.offTopicFlagged, f.offN, f.onTopicFlagged, f.onTopicN, f.offVague, f.onVague)
	if f.judgedN["partial"] > 0 {
		s += fmt.Sprintf("; the judgments give the key points: strong %.2f, partial %.2f, vague %.2f",
			f.judgedSum["strong"]/float64(f.judgedN["strong"]), f.judgedSum["partial"]/float64(f.judgedN["partial"]), f.judgedSum["vague"]/float64(max(f.judgedN["vague"], 1)))
	}
	if f.copyN > 0 {
		s += fmt.Sprintf("; strong replies copy %.1f%% of the check phrases (runs of 3+ characters; %.1f%% counting 2-character words)",
			100*f.copySum/float64(f.copyN), 100*f.copySum2/float64(f.copyN))
	}
	return s
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

func readDevSet(t *testing.T, path string) []devQuestion {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var qs []devQuestion
	if err := yaml.Unmarshal(data, &qs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return qs
}

// devPart says which questions a run scores: DEVSET_PART=dev scores the
// working part only, DEVSET_PART=held-out the held-out part; unset, all.
func devPart(q devQuestion) bool {
	switch os.Getenv("DEVSET_PART") {
	case "dev":
		return !q.HeldOut
	case "held-out":
		return q.HeldOut
	}
	return true
}

// TestOwnWordsDevSet grades replies written in the candidate's own words
// (bank/grade/testdata/ownwords.yaml) and fails when a figure the grader
// must reach is missed.
func TestOwnWordsDevSet(t *testing.T) {
	set := readDevSet(t, "testdata/ownwords.yaml")
	if len(set) < 28 {
		t.Fatalf("own-words dev set has %d questions, want every seed question", len(set))
	}
	b := seedBank(t)
	g := grade.New(b)
	var all, dev, held devFigures
	for _, f := range []*devFigures{&all, &dev, &held} {
		f.strongMin = 1
		f.judgedSum, f.judgedN = map[string]float64{}, map[string]int{}
	}
	english := 0
	for _, dq := range set {
		if slices.ContainsFunc(dq.Replies, func(r devReply) bool { return r.Lang == "en" }) {
			english++
		}
		if !devPart(dq) {
			continue
		}
		part := &dev
		if dq.HeldOut {
			part = &held
		}
		q := findQuestion(t, b, dq.Question)
		checkEvidence(t, q, dq.Ideas)
		scoreQuestion(t, g, q, dq, dq.Ideas, true, &all, part)
	}
	t.Logf("own-words dev set, working part: %s", dev)
	t.Logf("own-words dev set, held-out part: %s", held)
	t.Logf("own-words dev set, all: %s", all)
	if english < 5 {
		t.Errorf("English replies for %d questions, want at least 5", english)
	}
	if m := all.copySum / float64(max(all.copyN, 1)); m >= 0.2 {
		t.Errorf("strong replies copy %.0f%% of the check phrases on average, want under 20%%: they must be the candidate's own words", 100*m)
	}
	checkFigure(t, "ordering", all.orderShare(), ">=", 0.95)
	checkFigure(t, "strong mean", all.strongMean(), ">=", 0.65)
	checkFigure(t, "partial mean", all.partialMean(), "<=", 0.6)
	checkFigure(t, "vague highest", all.vagueMax, "<=", 0.25)
	checkFigure(t, "off-topic highest", all.offMax, "<=", 0.15)
	checkFigure(t, "probe highest", all.probeMax, "<=", 0.3)
	checkFigure(t, "strong lowest", all.strongMin, ">=", 0.35)
	checkFigure(t, "strong rated Again", all.againShare(), "<=", 0.05)
	checkFigure(t, "point agreement", all.agreeShare(), ">=", 0.85)
	checkFigure(t, "partial mean", all.partialMean(), ">=", 0.25)
}

// TestDevSet grades the first dev set (bank/grade/testdata/devset.yaml),
// whose strong replies reuse much of the notes' wording; it keeps the
// figures it had. Its judgments name ideas of the own-words set.
func TestDevSet(t *testing.T) {
	ideas := map[string][]devIdea{}
	for _, dq := range readDevSet(t, "testdata/ownwords.yaml") {
		ideas[bank.NormalizePrompt(dq.Question)] = dq.Ideas
	}
	set := readDevSet(t, "testdata/devset.yaml")
	if len(set) < 10 {
		t.Fatalf("dev set has %d questions, want at least 10", len(set))
	}
	b := seedBank(t)
	g := grade.New(b)
	f := devFigures{strongMin: 1, judgedSum: map[string]float64{}, judgedN: map[string]int{}}
	for _, dq := range set {
		is, ok := ideas[bank.NormalizePrompt(dq.Question)]
		if !ok {
			t.Fatalf("no ideas for %q in ownwords.yaml", dq.Question)
		}
		q := findQuestion(t, b, dq.Question)
		checkEvidence(t, q, is)
		scoreQuestion(t, g, q, dq, is, false, &f)
	}
	t.Logf("dev set: %s", f)
	checkFigure(t, "ordering", f.orderShare(), ">=", 0.95)
	checkFigure(t, "strong mean", f.strongMean(), ">=", 0.65)
	checkFigure(t, "strong lowest", f.strongMin, ">=", 0.4)
	checkFigure(t, "vague highest", f.vagueMax, "<=", 0.25)
	checkFigure(t, "off-topic highest", f.offMax, "<=", 0.1)
	checkFigure(t, "point agreement", f.agreeShare(), ">=", 0.85)
}

// TestBlindSet grades the blind set (bank/grade/testdata/blind.yaml):
// replies and judgments another engineer wrote from the seed notes without
// seeing the grader, its lexicon or the dev sets. The grader was never
// tuned on it; the test reports its figures and checks only that every
// question is found and most of the evidence quotes the notes.
func TestBlindSet(t *testing.T) {
	set := readDevSet(t, "testdata/blind.yaml")
	b := seedBank(t)
	g := grade.New(b)
	f := devFigures{strongMin: 1, judgedSum: map[string]float64{}, judgedN: map[string]int{}}
	var quotes, found int
	for _, dq := range set {
		q := blindQuestion(t, b, dq.Question)
		n, ok := evidenceFound(q, dq.Ideas)
		quotes, found = quotes+n, found+ok
		scoreQuestion(t, g, q, dq, dq.Ideas, true, &f)
	}
	t.Logf("blind set: %s", f)
	t.Logf("blind set: %d of %d evidence quotes found in the graded question's answers", found, quotes)
	if found < quotes*9/10 {
		t.Errorf("only %d of %d evidence quotes are in the answers: the set and the seeds disagree", found, quotes)
	}
}

// blindQuestion finds the seed question a blind-set entry names: by its
// prompt or an alternative prompt, else the question whose prompt shares
// the longest beginning with the entry's, at least ten characters (the
// blind set kept a two-part prompt and a prompt with its note in
// parentheses whole; the bank splits the one and moves the other's note).
func blindQuestion(t *testing.T, b *bank.Bank, prompt string) *bank.Question {
	t.Helper()
	want := []rune(bank.NormalizePrompt(prompt))
	var best *bank.Question
	bestLen := 9
	for _, q := range b.Questions() {
		for _, p := range append([]string{q.Prompt}, q.AltPrompts...) {
			np := []rune(bank.NormalizePrompt(p))
			if slices.Equal(np, want) {
				return q
			}
			n := 0
			for n < len(np) && n < len(want) && np[n] == want[n] {
				n++
			}
			if n > bestLen {
				best, bestLen = q, n
			}
		}
	}
	if best == nil {
		t.Fatalf("blind set question not in the seeds: %q", prompt)
	}
	return best
}

// evidenceFound counts an entry's evidence quotes and those found in the
// question's answers.
func evidenceFound(q *bank.Question, ideas []devIdea) (quotes, found int) {
	var refs []string
	for _, a := range q.Answers() {
		refs = append(refs, textnorm.Compact(a.Text))
	}
	for _, i := range ideas {
		for _, e := range i.Evidence {
			quotes++
			ce := textnorm.Compact(e)
			if slices.ContainsFunc(refs, func(r string) bool { return strings.Contains(r, ce) }) {
				found++
			}
		}
	}
	return quotes, found
}

func checkFigure(t *testing.T, name string, got float64, op string, want float64) {
	t.Helper()
	if op == ">=" && got < want || op == "<=" && got > want {
		t.Errorf("%s %.3f, want %s %.2f", name, got, op, want)
	}
}

// scoreQuestion grades every reply of one dev set question and adds its
// figures to each of figs.
func scoreQuestion(t *testing.T, g *grade.Grader, q *bank.Question, dq devQuestion, ideas []devIdea, probes bool, figs ...*devFigures) {
	ideaOf := pointIdeas(q, ideas)
	add := func(fn func(f *devFigures)) {
		for _, f := range figs {
			fn(f)
		}
	}
	add(func(f *devFigures) { f.questions++ })
	for _, a := range q.Answers() {
		for _, kp := range a.KeyPoints {
			if ideaOf[kp.Text] == "" {
				add(func(f *devFigures) { f.unmapped++ })
			} else {
				add(func(f *devFigures) { f.mapped++ })
			}
		}
	}
	results := map[string][]grade.Result{}
	for _, r := range dq.Replies {
		for _, id := range append(slices.Clone(r.Covered), r.Partial...) {
			if !slices.ContainsFunc(ideas, func(i devIdea) bool { return i.ID == id }) {
				t.Errorf("%s: reply judged on %q, which is not an idea of the question", q.ID, id)
			}
		}
		res := g.Grade(q, r.Text)
		t.Logf("%s %-9s %-2s coverage %.2f relevance %.2f covered %v partial %v", q.ID, r.Kind, r.Lang, res.Coverage, res.Relevance, texts(res.Covered), texts(res.Partial))
		if r.Kind == "restated" {
			addProbe(figs, q.ID+" restated", res.Coverage)
			continue
		}
		results[r.Kind] = append(results[r.Kind], res)
		switch r.Kind {
		case "strong":
			share, share2 := copyShare(r.Text, ideas)
			add(func(f *devFigures) {
				f.strongSum += res.Coverage
				f.strongN++
				f.strongMin = min(f.strongMin, res.Coverage)
				if res.Rating == grade.Again {
					f.strongAgain++
				}
				if r.Lang == "en" {
					f.strongEN++
					f.strongENSum += res.Coverage
				}
				if probes {
					f.copyN++
					f.copySum += share
					f.copySum2 += share2
				}
			})
			if probes {
				t.Logf("  %s strong %s copies %.0f%% of the check phrases", q.ID, r.Lang, 100*share)
			}
		case "partial":
			add(func(f *devFigures) {
				f.partialSum += res.Coverage
				f.partialN++
				if res.Coverage == 0 {
					f.partialByZero++
				}
			})
		case "vague":
			add(func(f *devFigures) { f.vagueMax = max(f.vagueMax, res.Coverage) })
		case "off-topic":
			add(func(f *devFigures) { f.offMax = max(f.offMax, res.Coverage) })
		default:
			t.Errorf("%s: unknown reply kind %q", q.ID, r.Kind)
		}
		add(func(f *devFigures) {
			if r.Kind == "off-topic" {
				f.offN++
				if res.OffTopic {
					f.offTopicFlagged++
				}
				if res.Vague {
					f.offVague++
				}
			} else {
				f.onTopicN++
				if res.OffTopic {
					f.onTopicFlagged++
				}
				if res.Vague {
					f.onVague++
				}
			}
		})
		agree, total, judged := agreement(t, q, r, res, ideaOf)
		if r.Kind == "partial" {
			t.Logf("  %s partial %s: grader %.2f, judgments through the points %.2f: %s", q.ID, r.Lang, res.Coverage, judged, r.Text)
		}
		add(func(f *devFigures) {
			f.agree += agree
			f.points += total
			f.judgedSum[r.Kind] += judged
			f.judgedN[r.Kind]++
		})
	}
	countPairs(t, q.ID, results, add)
	if probes {
		for name, text := range generatedProbes(q, ideas) {
			res := g.Grade(q, text)
			t.Logf("%s probe %-9s coverage %.2f covered %v", q.ID, name, res.Coverage, texts(res.Covered))
			addProbe(figs, q.ID+" "+name, res.Coverage)
		}
	}
}

func addProbe(figs []*devFigures, name string, coverage float64) {
	for _, f := range figs {
		f.probeN++
		if coverage > f.probeMax || f.probeWorst == "" {
			f.probeMax, f.probeWorst = max(f.probeMax, coverage), name
		}
	}
}

// countPairs counts the pairs of replies of different kinds and how many
// the grader orders as an interviewer would.
func countPairs(t *testing.T, id string, results map[string][]grade.Result, add func(func(*devFigures))) {
	for hiKind, his := range results {
		for loKind, los := range results {
			if kindRank[hiKind] <= kindRank[loKind] {
				continue
			}
			for _, hi := range his {
				for _, lo := range los {
					ok := lo.Less(hi)
					add(func(f *devFigures) {
						f.pairs++
						if ok {
							f.ordered++
						}
					})
					if !ok {
						t.Logf("  %s: %s (%.2f/%.2f) does not rank above %s (%.2f/%.2f)", id, hiKind, hi.Coverage, hi.Relevance, loKind, lo.Coverage, lo.Relevance)
					}
				}
			}
		}
	}
}

// agreement compares the grader's status of each key point of the graded
// answer with the judged status of the idea the point belongs to.
//
// judged is the coverage the reply would get if every point had its judged
// status (covered 1, partial 0.5): what the key points allow at best.
func agreement(t *testing.T, q *bank.Question, r devReply, res grade.Result, ideaOf map[string]string) (agree, total int, judged float64) {
	for _, p := range append(append(append([]grade.Point{}, res.Covered...), res.Partial...), res.Missed...) {
		want := grade.Missed
		switch id := ideaOf[p.Text]; {
		case id == "":
		case slices.Contains(r.Covered, id):
			want = grade.Covered
		case slices.Contains(r.Partial, id):
			want = grade.Partial
		}
		total++
		switch want {
		case grade.Covered:
			judged++
		case grade.Partial:
			judged += 0.5
		}
		if p.Status == want {
			agree++
		} else {
			t.Logf("  %s %s %s: point %q (idea %q) graded %s, judged %s (share %.2f)", q.ID, r.Kind, r.Lang, p.Text, ideaOf[p.Text], p.Status, want, p.Share)
		}
	}
	return agree, total, judged / float64(max(total, 1))
}

// checkEvidence makes sure every idea's evidence quotes the question's
// reference answers.
func checkEvidence(t *testing.T, q *bank.Question, ideas []devIdea) {
	var refs []string
	for _, a := range q.Answers() {
		refs = append(refs, textnorm.Compact(a.Text))
	}
	for _, i := range ideas {
		if len(i.Evidence) == 0 {
			t.Errorf("%s: idea %q has no evidence", q.ID, i.ID)
		}
		for _, e := range i.Evidence {
			ce := textnorm.Compact(e)
			if !slices.ContainsFunc(refs, func(r string) bool { return strings.Contains(r, ce) }) {
				t.Errorf("%s: evidence of idea %q is not in the reference answer: %q", q.ID, i.ID, e)
			}
		}
	}
}

// pointIdeas ties each key point of q to the idea whose evidence states it:
// the idea whose evidence contains the point's text or an alias (the
// shortest such quote wins), else the one whose evidence overlaps most with
// the point and its sentence.
func pointIdeas(q *bank.Question, ideas []devIdea) map[string]string {
	out := map[string]string{}
	for _, a := range q.Answers() {
		for _, kp := range a.KeyPoints {
			out[kp.Text] = ideaOfPoint(kp, ideas)
		}
	}
	return out
}

func ideaOfPoint(kp bank.KeyPoint, ideas []devIdea) string {
	best, bestLen := "", 0
	for _, i := range ideas {
		for _, e := range i.Evidence {
			ce := textnorm.Compact(e)
			for _, w := range append([]string{kp.Text}, kp.Aliases...) {
				if cw := textnorm.Compact(w); cw != "" && strings.Contains(ce, cw) && (best == "" || len(ce) < bestLen) {
					best, bestLen = i.ID, len(ce)
				}
			}
		}
	}
	if best != "" {
		return best
	}
	pointUnits := textnorm.UnitSet(kp.Text + "\n" + kp.Sentence)
	bestScore := 0.0
	for _, i := range ideas {
		for _, e := range i.Evidence {
			eu := textnorm.UnitSet(e)
			n := 0
			for u := range eu {
				if _, ok := pointUnits[u]; ok {
					n++
				}
			}
			if s := float64(n) / float64(max(len(eu), 1)); s > bestScore {
				best, bestScore = i.ID, s
			}
		}
	}
	if bestScore >= 0.5 {
		return best
	}
	return ""
}

// generatedProbes are replies that say nothing and must score low: the key
// words of the ideas strung together (the content words of each idea's
// shortest check phrase), each declared important, and the grader's own key points strung together (the
// terms among them: a point that is a whole clause, said, is an answer).
func generatedProbes(q *bank.Question, ideas []devIdea) map[string]string {
	var checks, important []string
	for _, i := range ideas {
		if strings.HasSuffix(i.ID, "-variant") {
			continue
		}
		// Key words, not statements: the content words of the shortest
		// check phrase.
		w := keyWords(slices.MinFunc(i.Check, func(a, b string) int { return utf8.RuneCountInString(a) - utf8.RuneCountInString(b) }))
		if w == "" {
			continue
		}
		checks = append(checks, w)
		important = append(important, w+"很重要。")
	}
	var points []string
	for _, kp := range q.Answer.KeyPoints {
		if utf8.RuneCountInString(kp.Text) <= 8 {
			points = append(points, kp.Text)
		}
	}
	return map[string]string{
		"salad":     strings.Join(checks, "，"),
		"important": strings.Join(important, ""),
		"points":    strings.Join(points, "、"),
	}
}

// keyWords returns the content words of a phrase, function words left
// out, separated by spaces.
func keyWords(phrase string) string {
	lex := lexicon.Default()
	var out []string
	for _, t := range textnorm.Tokens(phrase) {
		if !t.CJK {
			if !textnorm.IsStopWord(t.Text) {
				out = append(out, t.Text)
			}
			continue
		}
		for _, w := range lex.Words(t.Text) {
			if !lexicon.IsFunctionWord(w) && !(utf8.RuneCountInString(w) == 1 && textnorm.IsStopChar([]rune(w)[0])) {
				out = append(out, w)
			}
		}
	}
	return strings.Join(out, " ")
}

// copyShare is the share of the characters of a question's check phrases
// that a reply copies: characters inside a run of at least three
// characters (compact form) that the reply also has. share2 counts runs of
// two characters too, so it also counts shared two-character words.
func copyShare(reply string, ideas []devIdea) (share, share2 float64) {
	r := textnorm.Compact(reply)
	var copied, copied2, total int
	for _, i := range ideas {
		if strings.HasSuffix(i.ID, "-variant") {
			continue
		}
		for _, c := range i.Check {
			p := []rune(textnorm.Compact(c))
			total += len(p)
			copied += copiedRunes(p, r, 3)
			copied2 += copiedRunes(p, r, 2)
		}
	}
	if total == 0 {
		return 0, 0
	}
	return float64(copied) / float64(total), float64(copied2) / float64(total)
}

func copiedRunes(p []rune, reply string, minRun int) int {
	marked := make([]bool, len(p))
	for a := range p {
		for b := a + minRun; b <= len(p); b++ {
			if !strings.Contains(reply, string(p[a:b])) {
				break
			}
			for k := a; k < b; k++ {
				marked[k] = true
			}
		}
	}
	n := 0
	for _, m := range marked {
		if m {
			n++
		}
	}
	return n
}

func texts(ps []grade.Point) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}
