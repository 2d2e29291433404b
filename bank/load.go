package bank

import (
	"fmt"
	"io/fs"
	"iter"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Input is a set of notes files to load.
type Input struct {
	// FS holds the files.
	FS fs.FS
	// Prefix is put before each file's path in sources and problems, so they
	// name the file the way the person knows it; "" for none.
	Prefix string
	// Files lists the files to read; nil walks FS for every notes file.
	Files []string
}

// IsNotesFile reports whether name has an extension the bank reads:
// .md, .markdown, .txt (notes) or .yaml, .yml (questions in YAML).
func IsNotesFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".txt", ".yaml", ".yml":
		return true
	}
	return false
}

func isYAML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// Load reads every notes file of the inputs into a bank. Notes files are
// read first, in path order, and duplicates merged; YAML files then add
// questions and refine the parsed ones. A file that cannot be read, or a
// part of one that cannot be parsed, is reported as a problem with its
// file:line and the rest still loads. The bank it returns is complete:
// every answer has its key points.
func Load(inputs ...Input) (*Bank, Problems) {
	l := LoadQuestions(inputs...)
	probs := l.Complete()
	return l.Bank(), probs
}

// Loading is a bank loaded in two steps: LoadQuestions reads the
// questions (IDs, prompts, topics, notes, answers' texts and the key
// points the notes mark), and Complete gives every answer its remaining
// key points, which need the word lists and each folder's corpus (most
// of the time of a load). A bot asks its first question from the
// questions while Complete runs.
type Loading struct {
	bank *Bank
	// read holds the problems found reading the notes.
	read Problems
	// folders are the questions grouped by folder, in order.
	folders [][]*Question

	once  sync.Once
	probs Problems
}

// LoadQuestions reads every notes file of the inputs, as Load does, but
// leaves the answers' key points to Complete. Until Complete returns,
// only the bank's lookups and its questions' IDs, prompts, topics, notes,
// sources and answer texts may be read (Bank.WaitKeyPoints waits for the
// rest): Complete writes the answers' key points.
func LoadQuestions(inputs ...Input) *Loading {
	var (
		probs Problems
		qs    []*Question
		yamls []namedData
		read  []string
	)
	for _, in := range inputs {
		files, p := listFiles(in)
		probs = append(probs, p...)
		for _, f := range files {
			name := displayName(in.Prefix, f)
			data, err := fs.ReadFile(in.FS, f)
			if err != nil {
				probs = append(probs, Problem{Source{name, 0}, Error, fmt.Sprintf("cannot read: %v", err)})
				continue
			}
			read = append(read, name)
			if isYAML(f) {
				yamls = append(yamls, namedData{name, data})
				continue
			}
			parsed, p := parseNotes(name, f, data)
			probs = append(probs, p...)
			qs = append(qs, parsed...)
		}
	}
	probs = append(probs, duplicatePrompts(qs)...)
	qs = merge(qs)
	for _, y := range yamls {
		var p Problems
		qs, p = applyYAML(qs, y.name, y.data)
		probs = append(probs, p...)
	}
	b := newBank(qs)
	b.files = read
	b.keyPoints = make(chan struct{})
	return &Loading{bank: b, read: probs, folders: byFolder(qs)}
}

// Bank returns the bank being loaded: its questions at once, their key
// points once Complete has run (Bank.WaitKeyPoints).
func (l *Loading) Bank() *Bank { return l.bank }

// ReadProblems returns the problems found reading the notes, in file and
// line order: those known before Complete.
func (l *Loading) ReadProblems() Problems {
	probs := append(Problems(nil), l.read...)
	sortProblems(probs)
	return probs
}

// Complete gives every answer its key points and returns every problem of
// the notes, as Load does, in file and line order. It runs once; later
// calls return the same problems.
func (l *Loading) Complete() Problems {
	l.once.Do(func() {
		probs := append(Problems(nil), l.read...)
		for _, q := range l.bank.questions {
			q.Answer.readMarkedPoints()
			for i := range q.Variants {
				q.Variants[i].readMarkedPoints()
			}
		}
		// Each folder's corpus of answers is built only when one of its
		// answers needs it (one without marked points, an outline step, a
		// cap): a bank of bold points never does.
		for _, group := range l.folders {
			lc := newLazyCorpus(group)
			topUpKeyPoints(group, lc)
			probs = append(probs, finishKeyPoints(group, lc)...)
		}
		probs = append(probs, lint(l.bank.questions)...)
		sortProblems(probs)
		l.probs = probs
		close(l.bank.keyPoints)
	})
	return l.probs
}

type namedData struct {
	name string
	data []byte
}

func displayName(prefix, name string) string {
	if prefix == "" {
		return name
	}
	if name == "." || name == "" {
		return prefix
	}
	return path.Join(prefix, name)
}

// listFiles returns the files of an input in path order.
func listFiles(in Input) ([]string, Problems) {
	if in.Files != nil {
		files := append([]string(nil), in.Files...)
		sort.Strings(files)
		return files, nil
	}
	var files []string
	var probs Problems
	err := fs.WalkDir(in.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs = append(probs, Problem{Source{displayName(in.Prefix, p), 0}, Error, fmt.Sprintf("cannot read: %v", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if IsNotesFile(p) && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		probs = append(probs, Problem{Source{displayName(in.Prefix, "."), 0}, Error, fmt.Sprintf("cannot list: %v", err)})
	}
	sort.Strings(files)
	return files, probs
}

// appendTerms appends term points to pts until it holds target points,
// skipping a point that overlaps one already there or comes from a part of
// the answer that holds one (that part has its point).
func appendTerms(pts, terms []KeyPoint, target int) []KeyPoint {
	for _, kp := range terms {
		if len(pts) >= target {
			break
		}
		if !overlapsExisting(pts, kp) && !sentenceTaken(pts, kp) {
			pts = appendNew(pts, kp)
		}
	}
	return pts
}

// topUpKeyPoints gives every answer enough key points: an answer whose
// notes mark fewer than minKeyPoints gets the most distinctive terms of its
// text, measured against the whole bank. Points set in YAML are left as
// they are.
func topUpKeyPoints(qs []*Question, lc *lazyCorpus) {
	topUp := func(a *Answer, prompt string) {
		if a.Text == "" || len(a.KeyPoints) >= minKeyPoints || hasOrigin(a.KeyPoints, OriginYAML) || hasOrigin(a.KeyPoints, OriginChecklist) {
			return
		}
		// An answer the notes mark nothing in gets a point per idea; one
		// with a few marked points is topped up to minKeyPoints.
		target := minKeyPoints
		if len(a.KeyPoints) == 0 {
			target = termTarget(a.Text)
			// A list's item names are the author's points.
			var more bool
			a.KeyPoints, more = listHeadPoints(a.Text, prompt)
			a.partlyRead = a.partlyRead || more
		}
		// Ask for extra candidates: some overlap the points already there.
		// Key points are read from the prose: code blocks and list markers
		// never give points.
		prose := *a
		prose.Text = withoutCode(a.Text)
		want := target + len(a.KeyPoints)
		phased := false
		if len(a.KeyPoints) == 0 {
			// A plan by time phases: a point per phase's goal; the ideas
			// said around the goals keep their slots.
			if a.KeyPoints = phasePoints(prose.Text); len(a.KeyPoints) > 0 {
				phased = true
				target = max(target, len(a.KeyPoints)+minKeyPoints-1)
				prose.Text = withoutGoalClauses(prose.Text, a.KeyPoints)
				want = target - len(a.KeyPoints)
			}
		}
		terms, generic, more := lc.get().termPoints(prose, prompt, want)
		a.partlyRead = a.partlyRead || more
		a.KeyPoints = appendTerms(a.KeyPoints, terms, target)
		if phased {
			sortByPosition(a.KeyPoints, a.Text)
		}
		// Generic ideas only make up the least an answer needs.
		if n := len(a.KeyPoints); n < minKeyPoints {
			if a.KeyPoints = appendTerms(a.KeyPoints, generic, minKeyPoints); len(a.KeyPoints) > n {
				sortByPosition(a.KeyPoints, a.Text)
			}
		}
	}
	type job struct {
		a      *Answer
		prompt string
	}
	var jobs []job
	for _, q := range qs {
		for _, a := range append([]*Answer{&q.Answer}, variantPtrs(q)...) {
			if a.Text != "" && len(a.KeyPoints) < minKeyPoints && !hasOrigin(a.KeyPoints, OriginYAML) && !hasOrigin(a.KeyPoints, OriginChecklist) {
				jobs = append(jobs, job{a, q.Prompt})
			}
		}
	}
	if len(jobs) == 0 {
		return
	}
	// Each answer's points are its own; the corpus and the lexicon are
	// read-only once built, so answers are topped up on every core.
	lc.get()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(jobs)+minJobsPerWorker-1)/minJobsPerWorker) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(jobs)); i = next.Add(1) - 1 {
				topUp(jobs[i].a, jobs[i].prompt)
			}
		})
	}
	wg.Wait()
}

// minJobsPerWorker keeps a small bank on one goroutine.
const minJobsPerWorker = 64

func variantPtrs(q *Question) []*Answer {
	out := make([]*Answer, len(q.Variants))
	for i := range q.Variants {
		out[i] = &q.Variants[i]
	}
	return out
}

// reURL is a web address written out in the text.
var reURL = regexp.MustCompile(`https?://[^\s)）\]]+`)

// withoutCode returns an answer's text as key points are read from it:
// without its code blocks (code is shown with the answer but never gives
// key points), links, list markers and the author's notes to self (TODO: …).
func withoutCode(text string) string {
	if strings.Contains(text, "://") {
		text = reURL.ReplaceAllString(text, "")
	}
	if !strings.Contains(text, "```") && !strings.Contains(text, "- ") && !strings.Contains(text, "TODO") && !strings.Contains(text, "FIXME") {
		return text
	}
	var out []string
	for l := range linesOutsideCode(text) {
		if !isNoteToSelf(stripItemMarker(l)) {
			out = append(out, stripItemMarker(l))
		}
	}
	return strings.Join(out, "\n")
}

// linesOutsideCode yields the lines of text, without their line ends,
// that are not in a fenced code block, the fences themselves left out.
func linesOutsideCode(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		inCode := false
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "```") {
				inCode = !inCode
				continue
			}
			if !inCode && !yield(l) {
				return
			}
		}
	}
}

func overlapsExisting(pts []KeyPoint, kp KeyPoint) bool {
	ck := textnorm.Compact(kp.Text)
	for _, p := range pts {
		cp := textnorm.Compact(p.Text)
		if strings.Contains(cp, ck) || strings.Contains(ck, cp) {
			return true
		}
	}
	return false
}

func hasOrigin(pts []KeyPoint, origin string) bool {
	for _, kp := range pts {
		if kp.Origin == origin {
			return true
		}
	}
	return false
}

func sortProblems(ps Problems) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}

// isNoteToSelf reports whether a line is the author's note to self
// ("TODO(abregman): add more info.", "FIXME: …"): part of the notes, no
// key point.
func isNoteToSelf(line string) bool {
	l := strings.TrimSpace(line)
	for _, m := range []string{"TODO", "FIXME", "TBD", "XXX"} {
		if rest, ok := strings.CutPrefix(l, m); ok && (rest == "" || strings.ContainsRune("(:： .…", []rune(rest)[0])) {
			return true
		}
	}
	return false
}

// byFolder groups questions by the folder of the file they were read from
// (the first source), in the order the folders come. Each folder's key
// points are weighed against that folder's answers only: a folder of
// notes is one topic (one repository, one person's notes on one
// subject), so adding a folder never changes the points of another, while
// a file of three answers still has its neighbours to tell a specific
// word from a common one.
func byFolder(qs []*Question) [][]*Question {
	at := map[string]int{}
	var groups [][]*Question
	for _, q := range qs {
		folder := ""
		if len(q.Sources) > 0 {
			folder = path.Dir(filepath.ToSlash(q.Sources[0].File))
		}
		i, ok := at[folder]
		if !ok {
			i = len(groups)
			at[folder] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], q)
	}
	return groups
}
