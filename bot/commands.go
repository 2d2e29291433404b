package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/bank/grade"
)

// adminCommands change a group's settings; in a group only its admins may
// use them.
var adminCommands = map[string]bool{"topic": true, "subscribe": true, "unsubscribe": true, "timezone": true, "lang": true}

// command handles a command.
func (b *Bot) command(ctx context.Context, tn *turn) ([]Reply, error) {
	name := strings.ToLower(strings.TrimPrefix(tn.ev.Command, "/"))
	args := strings.TrimSpace(tn.ev.Args)
	viewOnly := (name == "timezone" || name == "tz" || name == "lang" || name == "language") && args == ""
	if adminCommands[name] && !viewOnly && tn.chat.Kind != Private && !tn.ev.Admin {
		return []Reply{{Text: TextOf(tn.t("commands.only_group_s_admins")), Private: true}}, nil
	}
	if tn.chat.Kind != Private {
		switch name {
		case "next", "question", "q":
			return b.groupNext(ctx, tn)
		case "hint":
			return b.groupHint(ctx, tn)
		case "skip":
			return []Reply{{Text: TextOf(tn.t("commands.no_need_skip_group")), Private: true}}, nil
		case "reveal":
			return b.groupReveal(ctx, tn)
		}
	}
	if sess, ok, err := b.activeSession(ctx, tn); err != nil {
		return nil, err
	} else if ok {
		switch name {
		case "skip":
			return b.sessionSkip(ctx, tn, sess)
		case "next", "question", "q", "reveal", "hint":
			return []Reply{{Text: TextOf(tn.t("commands.mock_interview_question_n", sess.Index+1, len(sess.Questions)))}}, nil
		}
	}
	switch name {
	case "interview":
		return b.interview(ctx, tn, args)
	case "end":
		return b.endSession(ctx, tn)
	case "top", "leaderboard":
		return b.top(ctx, tn)
	case "start":
		return b.start(tn), nil
	case "help":
		return b.help(tn), nil
	case "next", "question", "q":
		return b.ask(ctx, tn, args)
	case "hint":
		return b.hint(ctx, tn, "")
	case "skip":
		return b.skip(ctx, tn, "")
	case "reveal":
		return b.reveal(ctx, tn, "")
	case "rate":
		return b.rateCommand(ctx, tn, args)
	case "stats":
		return b.stats(ctx, tn)
	case "topics":
		return b.topics(tn), nil
	case "topic":
		return b.topic(ctx, tn, args)
	case "subscribe":
		return b.subscribe(ctx, tn, args)
	case "unsubscribe":
		return b.unsubscribe(ctx, tn)
	case "timezone", "tz":
		return b.timezone(ctx, tn, args)
	case "lang", "language":
		return b.setLang(ctx, tn, args)
	case "export":
		return b.export(ctx, tn)
	case "forget":
		return b.forget(ctx, tn, args, true)
	default:
		return []Reply{{
			Text:    TextOf(tn.t("commands.unknown", printable(name, 32))),
			Private: tn.chat.Kind != Private,
		}}, nil
	}
}

// action handles a button press.
func (b *Bot) action(ctx context.Context, tn *turn) ([]Reply, error) {
	kind, arg, _ := strings.Cut(tn.ev.Action, ":")
	if sess, ok, err := b.activeSession(ctx, tn); err != nil {
		return nil, err
	} else if ok && sess.Index < len(sess.Questions) && arg == sess.Questions[sess.Index] {
		switch kind {
		case "answer":
			return b.sessionAnswer(ctx, tn, sess, tn.ev.Text)
		case "skip":
			return b.sessionSkip(ctx, tn, sess)
		}
	}
	switch kind {
	case "end":
		return b.endSession(ctx, tn)
	case "interview":
		return b.interview(ctx, tn, "")
	case "chart":
		return b.progressChart(ctx, tn)
	case "next":
		if tn.chat.Kind != Private {
			// A button under private feedback in a group (a Discord
			// ephemeral reply) comes from the group: /next there.
			return b.groupNext(ctx, tn)
		}
		return b.ask(ctx, tn, arg)
	case "hint":
		if tn.chat.Kind != Private {
			return b.groupHint(ctx, tn)
		}
		return b.hint(ctx, tn, arg)
	case "skip":
		return b.skip(ctx, tn, arg)
	case "reveal":
		return b.reveal(ctx, tn, arg)
	case "answer":
		// An answer typed into a form (a Discord modal).
		q, ok := b.bank.Lookup(arg)
		if !ok {
			return []Reply{{Text: TextOf(tn.t("answer.question_no_longer_notes")), Private: true}}, nil
		}
		if tn.chat.Kind != Private {
			return b.groupAnswer(ctx, tn, q, tn.ev.Text)
		}
		p, err := b.pendingFor(ctx, tn, q.ID)
		if err != nil {
			return nil, err
		}
		return b.answer(ctx, tn, q, p, nil, tn.ev.Text)
	case "rate":
		id, r, ok := parseRateAction(arg)
		if !ok {
			break
		}
		return b.rerate(ctx, tn, id, r)
	case "ref":
		return b.reference(tn, arg), nil
	case "forget":
		return b.forget(ctx, tn, arg, false)
	}
	b.log.WarnContext(ctx, "unknown action", "action", tn.ev.Action)
	return []Reply{{Text: TextOf(tn.t("commands.button_no_longer_works")), Private: true}}, nil
}

func parseRateAction(arg string) (uint64, grade.Rating, bool) {
	idText, rText, ok := strings.Cut(arg, ":")
	id, err := strconv.ParseUint(idText, 10, 64)
	if !ok || err != nil {
		return 0, 0, false
	}
	r, ok := grade.ParseRating(rText)
	return id, r, ok
}

// rateCommand is "/rate N" (or a rating name) for the latest attempt, for
// platforms without buttons.
func (b *Bot) rateCommand(ctx context.Context, tn *turn, args string) ([]Reply, error) {
	r, ok := grade.ParseRating(strings.ToLower(args))
	if !ok {
		return []Reply{{Text: TextOf(tn.t("commands.usage_rate_1_4")), Private: true}}, nil
	}
	atts, err := b.store.Attempts(ctx, tn.user.Key)
	if err != nil {
		return nil, err
	}
	for i := len(atts) - 1; i >= 0; i-- {
		if atts[i].Kind == AttemptAnswer || atts[i].Kind == AttemptSelfRated {
			return b.rerate(ctx, tn, atts[i].ID, r)
		}
	}
	return []Reply{{Text: TextOf(tn.t("commands.no_answer_rate_yet")), Private: true}}, nil
}

// reference shows a long reference answer behind its button.
func (b *Bot) reference(tn *turn, arg string) []Reply {
	qid, v, _ := strings.Cut(arg, ":")
	q, ok := b.bank.Lookup(qid)
	if !ok {
		return []Reply{{Text: TextOf(tn.t("answer.question_no_longer_notes")), Private: true}}
	}
	a := q.Answer
	if i, err := strconv.Atoi(v); err == nil && i > 0 && i <= len(q.Variants) {
		a = q.Variants[i-1]
	}
	var t Text
	t.Add(B(tn.t("commands.reference_answer")))
	addAnswer(tn, &t, a)
	return []Reply{{Text: t, Private: tn.chat.Kind != Private, Kind: KindFeedback}}
}

func (b *Bot) start(tn *turn) []Reply {
	var t Text
	t.Add(B(tn.t("start.hello")))
	t.Add(P(tn.t("start.about", b.bank.Len())))
	t.Blank()
	t.Add(P(tn.t("start.commands")))
	t.Add(P(tn.t("start.more")))
	return []Reply{{Text: t, Buttons: [][]Button{{nextButton(tn)}}}}
}

func (b *Bot) help(tn *turn) []Reply {
	var t Text
	t.Add(B(tn.t("help.title")))
	t.Add(P(tn.t("help.flow")))
	t.Blank()
	for _, c := range Commands() {
		usage := "/" + c.Name
		for _, a := range c.Args {
			usage += " [" + a.Name + "]"
		}
		t.Add(C(usage), P(" — "+c.Description[tn.lang]))
	}
	t.Add(C("/rate 1-4"), P(tn.t("help.rate")))
	if b.cfg.Transcriber != nil {
		t.Add(P(tn.t("help.voice")))
	}
	return []Reply{{Text: t, Private: tn.chat.Kind != Private}}
}
