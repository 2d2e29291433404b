package bank

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The YAML bank format:
//
//	questions:
//	  - id: rpo-rto              # optional; default derived from the prompt
//	    prompt: 什么是 RPO 和 RTO？
//	    alt_prompts: [RPO 和 RTO 有什么区别？]
//	    topic: 容灾
//	    note: 考察基本概念
//	    answer: |
//	      RPO 是**恢复点目标**……
//	    outline: 定义 → 区别 → 例子
//	    key_points:
//	      - text: 恢复点目标
//	        aliases: [RPO]
//	      - 恢复时间目标          # a plain string is a point without aliases
//	    spoken: ……
//	    variants:
//	      - label: SRE 方向
//	        answer: ……
//	        key_points: [……]
//	    parent: ID               # this question follows up another
//
// An entry whose id matches a question (or one of its alias IDs), or whose
// prompt matches one ignoring punctuation, width and case, refines it: every
// field it sets replaces the parsed one. Any other entry adds a question.

// yamlFields are the keys a question entry may have.
var yamlFields = map[string]bool{
	"id": true, "prompt": true, "alt_prompts": true, "topic": true, "note": true,
	"answer": true, "outline": true, "key_points": true, "spoken": true,
	"variants": true, "parent": true,
}

var yamlVariantFields = map[string]bool{"label": true, "answer": true, "outline": true, "key_points": true, "spoken": true}

var yamlPointFields = map[string]bool{"text": true, "aliases": true, "sentence": true}

// yamlEntry is one decoded question entry; set fields are non-nil.
type yamlEntry struct {
	line       int
	id, prompt *string
	altPrompts []string
	topic      *string
	note       *string
	answer     *string
	outline    *string
	spoken     *string
	parent     *string
	keyPoints  []KeyPoint
	hasPoints  bool
	variants   []Answer
}

// applyYAML reads one YAML file and applies its entries to qs.
func applyYAML(qs []*Question, file string, data []byte) ([]*Question, Problems) {
	data = normalizeLineEnds(data)
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := min(yamlErrorLine(err), strings.Count(string(data), "\n")+1)
		return qs, Problems{{Source{file, line}, Error, fmt.Sprintf("invalid YAML: %v%s", err, yamlContextHint(err))}}
	}
	if len(doc.Content) == 0 {
		return qs, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return qs, Problems{{Source{file, root.Line}, Error, "expected a mapping with a questions: list"}}
	}
	var probs Problems
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "questions" {
			probs = append(probs, Problem{Source{file, k.Line}, Error, fmt.Sprintf("unknown key %q (expected questions)", k.Value)})
			continue
		}
		list = v
	}
	if list == nil {
		return qs, append(probs, Problem{Source{file, root.Line}, Error, "no questions: list"})
	}
	if list.Kind != yaml.SequenceNode {
		return qs, append(probs, Problem{Source{file, list.Line}, Error, "questions must be a list"})
	}
	idLines := map[string]int{}
	prompts := newPromptIndex(qs)
	for _, item := range list.Content {
		e, p := decodeEntry(file, item)
		probs = append(probs, p...)
		if e == nil {
			continue
		}
		if e.id != nil {
			if first, dup := idLines[*e.id]; dup {
				probs = append(probs, Problem{Source{file, e.line}, Error, fmt.Sprintf("duplicate id %q (also at %s:%d); entry skipped", *e.id, file, first)})
				continue
			}
			idLines[*e.id] = e.line
		}
		var p2 Problems
		qs, p2 = applyEntry(qs, prompts, file, e)
		probs = append(probs, p2...)
	}
	return qs, probs
}

func decodeEntry(file string, n *yaml.Node) (*yamlEntry, Problems) {
	if n.Kind != yaml.MappingNode {
		return nil, Problems{{Source{file, n.Line}, Error, "a question must be a mapping (id, prompt, answer, ...)"}}
	}
	e := &yamlEntry{line: n.Line}
	var probs Problems
	bad := func(k *yaml.Node, format string, args ...any) {
		probs = append(probs, Problem{Source{file, k.Line}, Error, fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !yamlFields[k.Value] {
			bad(k, "unknown key %q in a question", k.Value)
			continue
		}
		var err error
		switch k.Value {
		case "id":
			e.id, err = scalar(v)
		case "prompt":
			e.prompt, err = scalar(v)
		case "topic":
			e.topic, err = scalar(v)
		case "note":
			e.note, err = scalar(v)
		case "answer":
			e.answer, err = scalar(v)
		case "spoken":
			e.spoken, err = scalar(v)
		case "parent":
			e.parent, err = scalar(v)
		case "outline":
			e.outline, err = textOrLines(v)
		case "alt_prompts":
			e.altPrompts, err = stringList(v)
		case "key_points":
			e.hasPoints = true
			var p Problems
			e.keyPoints, p = decodePoints(file, v)
			probs = append(probs, p...)
		case "variants":
			var p Problems
			e.variants, p = decodeVariants(file, v)
			probs = append(probs, p...)
		}
		if err != nil {
			bad(v, "%s: %v", k.Value, err)
		}
	}
	return e, probs
}

func decodePoints(file string, n *yaml.Node) ([]KeyPoint, Problems) {
	if n.Kind != yaml.SequenceNode {
		return nil, Problems{{Source{file, n.Line}, Error, "key_points must be a list"}}
	}
	var pts []KeyPoint
	var probs Problems
	for _, item := range n.Content {
		kp := KeyPoint{Origin: OriginYAML}
		switch item.Kind {
		case yaml.ScalarNode:
			kp.Text = strings.TrimSpace(item.Value)
		case yaml.MappingNode:
			for i := 0; i+1 < len(item.Content); i += 2 {
				k, v := item.Content[i], item.Content[i+1]
				if !yamlPointFields[k.Value] {
					probs = append(probs, Problem{Source{file, k.Line}, Error, fmt.Sprintf("unknown key %q in a key point (expected text, aliases, sentence)", k.Value)})
					continue
				}
				var err error
				switch k.Value {
				case "text":
					var s *string
					s, err = scalar(v)
					if s != nil {
						kp.Text = strings.TrimSpace(*s)
					}
				case "sentence":
					var s *string
					s, err = scalar(v)
					if s != nil {
						kp.Sentence = strings.TrimSpace(*s)
					}
				case "aliases":
					kp.Aliases, err = stringList(v)
				}
				if err != nil {
					probs = append(probs, Problem{Source{file, v.Line}, Error, fmt.Sprintf("%s: %v", k.Value, err)})
				}
			}
		default:
			probs = append(probs, Problem{Source{file, item.Line}, Error, "a key point is a string or a mapping with text and aliases"})
			continue
		}
		if kp.Text == "" {
			probs = append(probs, Problem{Source{file, item.Line}, Error, "key point without text"})
			continue
		}
		pts = append(pts, kp)
	}
	return pts, probs
}

func decodeVariants(file string, n *yaml.Node) ([]Answer, Problems) {
	if n.Kind != yaml.SequenceNode {
		return nil, Problems{{Source{file, n.Line}, Error, "variants must be a list"}}
	}
	var out []Answer
	var probs Problems
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			probs = append(probs, Problem{Source{file, item.Line}, Error, "a variant is a mapping with label and answer"})
			continue
		}
		var label, text, outline, spoken string
		var pts []KeyPoint
		hasPoints := false
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if !yamlVariantFields[k.Value] {
				probs = append(probs, Problem{Source{file, k.Line}, Error, fmt.Sprintf("unknown key %q in a variant", k.Value)})
				continue
			}
			if k.Value == "key_points" {
				var p Problems
				pts, p = decodePoints(file, v)
				hasPoints = true
				probs = append(probs, p...)
				continue
			}
			s, err := textOrLines(v)
			if err != nil {
				probs = append(probs, Problem{Source{file, v.Line}, Error, fmt.Sprintf("%s: %v", k.Value, err)})
				continue
			}
			switch k.Value {
			case "label":
				label = *s
			case "answer":
				text = *s
			case "outline":
				outline = *s
			case "spoken":
				spoken = *s
			}
		}
		a := answerFromText(text, Source{file, item.Line})
		a.Label = label
		if outline != "" {
			a.Outline = outline
		}
		if spoken != "" {
			a.Spoken = spoken
		}
		if hasPoints {
			a.readMarkedPoints()
			a.KeyPoints = withSentences(pts, a.Text)
		}
		out = append(out, a)
	}
	return out, probs
}

// answerFromText reads an answer written in YAML the way notes are read, so
// bold phrases, > outline lines and a spoken transcript work there too.
func answerFromText(text string, src Source) Answer {
	return answersFromText(text, src)[0]
}

// answersFromText reads YAML answer text that may hold variants under bold
// labels; it returns at least one answer. Follow-up blocks stay part of the
// answer: in YAML a follow-up is an entry of its own with a parent.
func answersFromText(text string, src Source) []Answer {
	var lines []line
	for i, s := range strings.Split(text, "\n") {
		lines = append(lines, line{no: src.Line + i, indent: indentOf(s), text: strings.TrimSpace(s)})
	}
	var out []Answer
	for _, seg := range segmentBody(lines, src.Line) {
		if seg.followUp && len(out) > 0 {
			prev := &out[len(out)-1]
			more := readAnswer(seg.lines, src)
			prev.Text = joinParagraphs([]string{prev.Text, "", more.Text})
			continue
		}
		a := readAnswer(seg.lines, Source{src.File, seg.start})
		a.Label = seg.label
		if a.Text == "" && a.Label == "" && len(out) == 0 {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		out = []Answer{{Source: src}}
	}
	return out
}

func withSentences(pts []KeyPoint, text string) []KeyPoint {
	var sentences *sentenceIndex
	for i := range pts {
		if pts[i].Sentence == "" {
			if sentences == nil {
				sentences = newSentenceIndex(text)
			}
			pts[i].Sentence = sentences.of(pts[i])
		}
	}
	return pts
}

// applyEntry refines the question an entry matches or adds a new one,
// and keeps the prompt index up to date.
func applyEntry(qs []*Question, prompts promptIndex, file string, e *yamlEntry) ([]*Question, Problems) {
	src := Source{file, e.line}
	i := findTarget(qs, prompts, e)
	if i < 0 {
		if e.prompt == nil || strings.TrimSpace(*e.prompt) == "" {
			msg := "question needs a prompt"
			if e.id != nil {
				msg = fmt.Sprintf("no question has id %q, and a new question needs a prompt", *e.id)
			}
			return qs, Problems{{src, Error, msg}}
		}
		q := &Question{Sources: []Source{src}}
		q.Prompt = cleanInline(*e.prompt)
		q.ID = promptID(q.Prompt)
		q.Answer.Source = src
		refine(q, e)
		var probs Problems
		if q.Answer.Text == "" && len(q.Answer.KeyPoints) == 0 && len(q.Variants) == 0 {
			probs = append(probs, Problem{src, Error, "question has no answer"})
		}
		prompts.add(len(qs), q)
		return append(qs, q), probs
	}
	target := qs[i]
	target.Sources = append(target.Sources, src)
	refine(target, e)
	prompts.add(i, target)
	return qs, nil
}

// findTarget returns the position of the question an entry refines: the
// first with its id, else the first with its prompt; -1 for none.
func findTarget(qs []*Question, prompts promptIndex, e *yamlEntry) int {
	if e.id != nil {
		for i, q := range qs {
			if q.HasID(*e.id) {
				return i
			}
		}
	}
	if e.prompt != nil {
		if i, ok := prompts[NormalizePrompt(*e.prompt)]; ok {
			return i
		}
	}
	return -1
}

// promptIndex maps each normalized prompt and alternative prompt to the
// position of the first question that has it, so that matching an entry
// by prompt does not normalize every prompt of the bank again: loading a
// YAML bank stays linear in its size.
type promptIndex map[string]int

// newPromptIndex indexes the prompts of qs.
func newPromptIndex(qs []*Question) promptIndex {
	idx := promptIndex{}
	for i, q := range qs {
		idx.add(i, q)
	}
	return idx
}

// add indexes the prompts of q, the question at position i. Prompts are
// only ever added to a question, so an index kept up to date after every
// change finds what a scan in order would.
func (idx promptIndex) add(i int, q *Question) {
	for _, p := range append([]string{q.Prompt}, q.AltPrompts...) {
		k := NormalizePrompt(p)
		if cur, ok := idx[k]; !ok || i < cur {
			idx[k] = i
		}
	}
}

// refine writes the fields an entry sets over a question.
func refine(q *Question, e *yamlEntry) {
	if e.id != nil && *e.id != "" && *e.id != q.ID {
		q.AliasIDs = append(q.AliasIDs, q.ID)
		q.ID = strings.TrimSpace(*e.id)
	}
	if e.prompt != nil && NormalizePrompt(*e.prompt) != NormalizePrompt(q.Prompt) {
		if q.Prompt != "" {
			q.AltPrompts = append(q.AltPrompts, q.Prompt)
		}
		q.Prompt = cleanInline(*e.prompt)
	}
	q.AltPrompts = append(q.AltPrompts, e.altPrompts...)
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&q.Topic, e.topic)
	set(&q.Note, e.note)
	set(&q.Parent, e.parent)
	if e.answer != nil {
		as := answersFromText(*e.answer, Source{q.Sources[len(q.Sources)-1].File, e.line})
		if as[0].Label == "" {
			as[0].Label = q.Answer.Label
		}
		if as[0].Outline == "" {
			as[0].Outline = q.Answer.Outline
		}
		q.Answer = as[0]
		if len(as) > 1 {
			q.Variants = as[1:]
		}
	}
	if e.outline != nil {
		q.Answer.Outline = strings.TrimSpace(*e.outline)
	}
	set(&q.Answer.Spoken, e.spoken)
	if e.hasPoints {
		q.Answer.readMarkedPoints()
		q.Answer.KeyPoints = withSentences(e.keyPoints, q.Answer.Text)
	}
	if e.variants != nil {
		q.Variants = e.variants
	}
}

func scalar(n *yaml.Node) (*string, error) {
	if n.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("expected text")
	}
	s := n.Value
	return &s, nil
}

// textOrLines accepts text or a list of lines (joined with newlines).
func textOrLines(n *yaml.Node) (*string, error) {
	if n.Kind == yaml.SequenceNode {
		lines, err := stringList(n)
		if err != nil {
			return nil, err
		}
		s := strings.Join(lines, "\n")
		return &s, nil
	}
	return scalar(n)
}

func stringList(n *yaml.Node) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		return []string{strings.TrimSpace(n.Value)}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("expected a list of text")
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("expected a list of text (line %d)", c.Line)
		}
		out = append(out, strings.TrimSpace(c.Value))
	}
	return out, nil
}

// yamlErrorLine digs the line number out of a YAML syntax error ("yaml: line
// 7: ..."), or returns 1.
func yamlErrorLine(err error) int {
	var n int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		if _, scanErr := fmt.Sscanf(msg[i:], "line %d", &n); scanErr == nil && n > 0 {
			return n
		}
	}
	return 1
}

// yamlContextHint explains an error yaml.v3 reports at the line where the
// block it was reading starts ("did not find expected '-' indicator" for a
// key indented wrongly three lines further down), not where it went wrong.
func yamlContextHint(err error) string {
	if !strings.Contains(err.Error(), "did not find expected") {
		return ""
	}
	return " (in the block that starts on this line: the mistake is here or further down; check indentation and closing brackets)"
}
