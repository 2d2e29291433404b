package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/i18n"
)

// maxGradeInput bounds what grade reads from stdin: well past the grader's
// own limit, so an over-long reply is graded on its beginning and said so.
const maxGradeInput = 4 << 20

func gradeCmd(e env, args []string) error {
	fs := newCommand("grade", "(--id ID | --match TEXT) [--json] [--lang zh|en] [PATH...] < reply",
		"Grade a reply read from stdin against one question of the notes (the embedded seeds without PATH).")
	id := fs.String("id", "", "question `ID`, or an unambiguous prefix of one")
	match := fs.String("match", "", "`TEXT` of the question's prompt")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "", "feedback language: `zh|en` (default: the question's language)")
	paths, err := fs.parse(args)
	if err != nil {
		return err
	}
	if (*id == "") == (*match == "") {
		return fs.usageError("give exactly one of --id ID or --match TEXT")
	}
	if *lang != "" && !i18n.Default().Has(*lang) {
		return fs.usageError("--lang %q: want one of %s", *lang, strings.Join(i18n.Default().Langs(), ", "))
	}
	b, probs, err := loadBank(paths)
	if err != nil {
		return err
	}
	reportProblems(e.stderr, probs, bank.Error)
	var q *bank.Question
	if *id != "" {
		q, err = lookupQuestion(b, *id, "name one with --id ID")
	} else {
		q, err = matchQuestion(b, *match)
	}
	if err != nil {
		return err
	}
	if *lang == "" {
		// The chat speaks the notes' language; grade, given one question,
		// speaks that question's.
		*lang = bot.QuestionLang(q)
	}
	reply, err := io.ReadAll(io.LimitReader(e.stdin, maxGradeInput+1))
	if err != nil {
		return fmt.Errorf("read reply: %w", err)
	}
	if len(reply) > maxGradeInput {
		reply = reply[:maxGradeInput]
	}
	res := grade.New(b).Grade(q, string(bytes.TrimRight(reply, "\n")))
	selfRated, isSelfRated := engine.SelfRatedFeedback(*lang, q, string(reply))
	if *asJSON {
		jg := toJSONGrade(q, res)
		jg.SelfRated = isSelfRated
		return writeJSON(e.stdout, jg)
	}
	fmt.Fprintf(e.stdout, "%s  %s\n\n", q.ID, firstLine(q.Prompt, 80))
	if res.Empty {
		fmt.Fprintln(e.stdout, i18n.Default().Text(*lang, "grade.empty"))
		return nil
	}
	if isSelfRated {
		// The chat asks the person to rate such a reply: there is nothing
		// to grade it against, and "0 of 0 key points" would be wrong.
		fmt.Fprintln(e.stdout, console.Render(selfRated))
		return nil
	}
	// A terminal has no button to show a long reference behind: print
	// the whole of it.
	fmt.Fprintln(e.stdout, console.Render(engine.Feedback(*lang, q, res, 0)))
	fmt.Fprintf(e.stdout, "\n%s\n", i18n.Default().Text(*lang, "grade.suggested", engine.RatingName(*lang, res.Rating)))
	return nil
}

// jsonGrade is the JSON that `grade --json` prints.
type jsonGrade struct {
	ID          string      `json:"id"`
	Prompt      string      `json:"prompt"`
	Coverage    float64     `json:"coverage"`
	Covered     []jsonPoint `json:"covered"`
	Partial     []jsonPoint `json:"partial"`
	Missed      []jsonPoint `json:"missed"`
	Rating      string      `json:"rating"`
	Relevance   float64     `json:"relevance"`
	OffTopic    bool        `json:"off_topic"`
	Vague       bool        `json:"vague"`
	DontKnow    bool        `json:"dont_know"`
	Variant     int         `json:"variant"`
	Label       string      `json:"label,omitempty"`
	Empty       bool        `json:"empty"`
	Truncated   bool        `json:"truncated"`
	InvalidUTF8 bool        `json:"invalid_utf8"`
	// SelfRated is set for a question the chat asks the person to rate
	// themselves: the coverage means nothing then.
	SelfRated bool `json:"self_rated"`
}

type jsonPoint struct {
	Text      string   `json:"text"`
	Aliases   []string `json:"aliases"`
	Share     float64  `json:"share"`
	Reference string   `json:"reference,omitempty"`
}

func toJSONGrade(q *bank.Question, r grade.Result) jsonGrade {
	points := func(ps []grade.Point, withRef bool) []jsonPoint {
		out := make([]jsonPoint, 0, len(ps))
		for _, p := range ps {
			jp := jsonPoint{Text: p.Text, Aliases: nonNil(p.Aliases), Share: round3(p.Share)}
			if withRef {
				jp.Reference = p.Reference
			}
			out = append(out, jp)
		}
		return out
	}
	return jsonGrade{
		ID: q.ID, Prompt: q.Prompt, Coverage: r.Coverage,
		Covered: points(r.Covered, false), Partial: points(r.Partial, true), Missed: points(r.Missed, true),
		Rating: r.Rating.String(), Relevance: r.Relevance, OffTopic: r.OffTopic, Vague: r.Vague, DontKnow: r.DontKnow, Variant: r.Variant, Label: r.Label,
		Empty: r.Empty, Truncated: r.Truncated, InvalidUTF8: r.InvalidUTF8,
	}
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
