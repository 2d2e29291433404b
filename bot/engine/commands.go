package engine

import (
	"context"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
)

// command handles a command through the command table: the admin check
// and routing by name or alias are the table's.
func (b *Bot) command(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	name := strings.ToLower(strings.TrimPrefix(tn.ev.Command, "/"))
	args := strings.TrimSpace(tn.ev.Args)
	c, ok := findCommand(name)
	switch {
	case !ok:
		return []bot.Reply{{
			Text:    bot.TextOf(tn.t("commands.unknown", printable(name, 32))),
			Private: tn.chat.Kind != bot.Private,
		}}, nil
	case tn.chat.Kind == bot.Channel && !c.InChannels:
		return []bot.Reply{{Text: bot.TextOf(tn.t("commands.not_in_channels"))}}, nil
	case !c.allowed(tn, args):
		return []bot.Reply{c.refuse(tn)}, nil
	}
	return c.handle(b, ctx, tn, args)
}

// inSession answers the commands of free practice that a mock interview in
// progress replaces; ok is false when there is no interview.
func (b *Bot) inSession(ctx context.Context, tn *turn) ([]bot.Reply, bool, error) {
	sess, ok, err := b.activeSession(ctx, tn)
	if err != nil || !ok {
		return nil, false, err
	}
	return []bot.Reply{{Text: bot.TextOf(tn.t("commands.mock_interview_question_n", sess.Index+1, len(sess.Questions)))}}, true, nil
}

// nextCommand is /next: a group's round, else the person's next question.
func (b *Bot) nextCommand(ctx context.Context, tn *turn, args string) ([]bot.Reply, error) {
	if tn.chat.Kind != bot.Private {
		return b.groupNext(ctx, tn)
	}
	if r, ok, err := b.inSession(ctx, tn); err != nil || ok {
		return r, err
	}
	return b.ask(ctx, tn, args)
}

// hintCommand is /hint: for a group's round, else for the open question.
func (b *Bot) hintCommand(ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) {
	if tn.chat.Kind != bot.Private {
		return b.groupHint(ctx, tn)
	}
	if r, ok, err := b.inSession(ctx, tn); err != nil || ok {
		return r, err
	}
	return b.hint(ctx, tn, "")
}

// skipCommand is /skip: nothing to skip in a group; in a mock interview the
// current question, else the open one.
func (b *Bot) skipCommand(ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) {
	if tn.chat.Kind != bot.Private {
		return []bot.Reply{{Text: bot.TextOf(tn.t("commands.no_need_skip_group")), Private: true}}, nil
	}
	if sess, ok, err := b.activeSession(ctx, tn); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return b.sessionSkip(ctx, tn, sess)
	}
	return b.skip(ctx, tn, "")
}

// revealCommand is /reveal: a group's round summary now, else the open
// question's reference answer.
func (b *Bot) revealCommand(ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) {
	if tn.chat.Kind != bot.Private {
		return b.groupReveal(ctx, tn)
	}
	if r, ok, err := b.inSession(ctx, tn); err != nil || ok {
		return r, err
	}
	return b.reveal(ctx, tn, "")
}

// action handles a button press.
func (b *Bot) action(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if refused := checkButton(tn); refused != nil {
		return refused, nil
	}
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
		if arg == "resume" {
			// A Continue button: the interview it continued may have ended.
			if _, ok, err := b.activeSession(ctx, tn); err != nil || !ok {
				return []bot.Reply{{Text: bot.TextOf(tn.t("interview.over"))}}, err
			}
		}
		return b.interview(ctx, tn, "")
	case "chart":
		return b.progressChart(ctx, tn)
	case "next":
		if tn.chat.Kind != bot.Private {
			// A button under private feedback in a group (a Discord
			// ephemeral reply) comes from the group: /next there.
			return b.groupNext(ctx, tn)
		}
		return b.ask(ctx, tn, arg)
	case "hint":
		if tn.chat.Kind != bot.Private {
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
			return []bot.Reply{{Text: bot.TextOf(tn.t("answer.question_no_longer_notes")), Private: true}}, nil
		}
		if tn.chat.Kind != bot.Private {
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
	return []bot.Reply{{Text: bot.TextOf(tn.t("commands.button_no_longer_works")), Private: true}}, nil
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
func (b *Bot) rateCommand(ctx context.Context, tn *turn, args string) ([]bot.Reply, error) {
	r, ok := grade.ParseRating(strings.ToLower(args))
	if !ok {
		return []bot.Reply{{Text: bot.TextOf(tn.t("commands.usage_rate_1_4")), Private: true}}, nil
	}
	atts, err := b.store.Attempts(ctx, tn.user.Key)
	if err != nil {
		return nil, err
	}
	for i := len(atts) - 1; i >= 0; i-- {
		if atts[i].Kind == bot.AttemptAnswer || atts[i].Kind == bot.AttemptSelfRated {
			return b.rerate(ctx, tn, atts[i].ID, r)
		}
	}
	return []bot.Reply{{Text: bot.TextOf(tn.t("commands.no_answer_rate_yet")), Private: true}}, nil
}

// reference shows a long reference answer behind its button.
func (b *Bot) reference(tn *turn, arg string) []bot.Reply {
	qid, v, _ := strings.Cut(arg, ":")
	q, ok := b.bank.Lookup(qid)
	if !ok {
		return []bot.Reply{{Text: bot.TextOf(tn.t("answer.question_no_longer_notes")), Private: true}}
	}
	a := q.Answer
	if i, err := strconv.Atoi(v); err == nil && i > 0 && i <= len(q.Variants) {
		a = q.Variants[i-1]
	}
	var t bot.Text
	t.Add(bot.B(tn.t("commands.reference_answer")))
	addAnswer(tn, &t, a)
	return []bot.Reply{{Text: t, Private: tn.chat.Kind != bot.Private, Kind: bot.KindFeedback}}
}

func (b *Bot) start(tn *turn) []bot.Reply {
	var t bot.Text
	t.Add(bot.B(tn.t("start.hello")))
	t.Add(bot.P(tn.t("start.about", b.bank.Len())))
	t.Blank()
	t.Add(bot.P(tn.t("start.commands")))
	t.Add(bot.P(tn.t("start.more")))
	return []bot.Reply{{Text: t, Buttons: [][]bot.Button{{nextButton(tn)}}}}
}

func (b *Bot) help(tn *turn) []bot.Reply {
	var t bot.Text
	terminal := !b.caps(tn.chat.Platform).Buttons
	t.Add(bot.B(tn.t("help.title")))
	if terminal {
		t.Add(bot.P(tn.t("help.flow_terminal")))
	} else {
		t.Add(bot.P(tn.t("help.flow")))
	}
	t.Blank()
	for _, c := range bot.Commands() {
		usage := "/" + c.Name
		for _, a := range c.Args {
			usage += " [" + a.Name + "]"
		}
		t.Add(bot.C(usage), bot.P(" — "+c.Description[tn.lang]))
	}
	switch {
	case terminal:
		// The terminal's own commands: its buttons and recordings.
		t.Add(bot.C(tn.t("help.terminal_buttons_usage")), bot.P(" — "+tn.t("help.terminal_buttons")))
		voice := tn.t("help.terminal_voice")
		if b.cfg.Transcriber == nil {
			voice += tn.t("help.voice_off")
		}
		t.Add(bot.C(tn.t("help.terminal_voice_usage")), bot.P(" — "+voice))
	case b.cfg.Transcriber != nil:
		t.Add(bot.P(tn.t("help.voice")))
	}
	return []bot.Reply{{Text: t, Private: tn.chat.Kind != bot.Private}}
}
