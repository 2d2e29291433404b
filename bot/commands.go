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
	viewOnly := name == "timezone" && args == ""
	if adminCommands[name] && !viewOnly && tn.chat.Kind != Private && !tn.ev.Admin {
		return []Reply{{Text: TextOf(tn.t("只有群管理员可以修改本群的设置。", "Only the group's admins can change its settings.")), Private: true}}, nil
	}
	if tn.chat.Kind != Private {
		switch name {
		case "next", "question", "q":
			return b.groupNext(ctx, tn)
		case "hint":
			return b.groupHint(ctx, tn)
		case "skip":
			return []Reply{{Text: TextOf(tn.t("群练习不需要跳过：不想答就不答，总结时会公布答案。", "No need to skip in a group: answer or not, the summary shows the answer.")), Private: true}}, nil
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
			return []Reply{{Text: TextOf(tn.tf("你在模拟面试中（第 %d/%d 题）：直接作答，或 /skip 跳过、/end 结束。",
				"You are in a mock interview (question %d of %d): answer it, or /skip, or /end.", sess.Index+1, len(sess.Questions)))}}, nil
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
		return b.ask(ctx, tn)
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
		return b.forget(ctx, tn, args)
	default:
		return []Reply{{
			Text:    TextOf(tn.tf("不认识 /%s。发 /help 看看能做什么。", "I don't know /%s. Send /help to see what I can do.", name)),
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
		return b.ask(ctx, tn)
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
			return []Reply{{Text: TextOf(tn.t("这道题已经不在题库里了。", "That question is no longer in the notes.")), Private: true}}, nil
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
		return b.forget(ctx, tn, arg)
	}
	b.log.WarnContext(ctx, "unknown action", "action", tn.ev.Action)
	return []Reply{{Text: TextOf(tn.t("这个按钮已经失效了。", "That button no longer works.")), Private: true}}, nil
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
		return []Reply{{Text: TextOf(tn.t("用法：/rate 1-4（1 重来、2 困难、3 良好、4 简单）", "Usage: /rate 1-4 (1 again, 2 hard, 3 good, 4 easy)")), Private: true}}, nil
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
	return []Reply{{Text: TextOf(tn.t("还没有可以评分的作答。", "There is no answer to rate yet.")), Private: true}}, nil
}

// reference shows a long reference answer behind its button.
func (b *Bot) reference(tn *turn, arg string) []Reply {
	qid, v, _ := strings.Cut(arg, ":")
	q, ok := b.bank.Lookup(qid)
	if !ok {
		return []Reply{{Text: TextOf(tn.t("这道题已经不在题库里了。", "That question is no longer in the notes.")), Private: true}}
	}
	a := q.Answer
	if i, err := strconv.Atoi(v); err == nil && i > 0 && i <= len(q.Variants) {
		a = q.Variants[i-1]
	}
	var t Text
	t.Add(B(tn.t("📖 参考答案", "📖 Reference answer")))
	addAnswer(&t, a)
	return []Reply{{Text: t, Private: tn.chat.Kind != Private, Kind: KindFeedback}}
}

func (b *Bot) start(tn *turn) []Reply {
	var t Text
	t.Add(B(tn.t("👋 你好，我是你的模拟面试官。", "👋 Hi, I'm your mock interviewer.")))
	t.Add(P(tn.tf("题目来自你的面试笔记（共 %d 题）。我出题，你直接打字作答；我按要点给出覆盖率、漏掉的要点和参考答案，并按遗忘曲线安排复习。",
		"Questions come from your interview notes (%d of them). I ask, you type your answer; I reply with the key points you covered and missed plus the reference answer, and schedule reviews on a forgetting curve.", b.bank.Len())))
	t.Blank()
	t.Add(P(tn.t("• /next 来一道题  • /hint 提示  • /stats 进度", "• /next a question  • /hint a hint  • /stats progress")))
	t.Add(P(tn.t("• /subscribe 09:00 每天定时推题  • /help 全部命令", "• /subscribe 09:00 daily pushes  • /help all commands")))
	return []Reply{{Text: t, Buttons: [][]Button{{nextButton(tn)}}}}
}

func (b *Bot) help(tn *turn) []Reply {
	var t Text
	t.Add(B(tn.t("怎么用", "How it works")))
	t.Add(P(tn.t("我出题 → 你直接回复作答（或回复题目消息） → 我给出覆盖率和参考答案 → 你可以改评分 → 按遗忘曲线安排复习。",
		"I ask → you reply with your answer (or reply to the question message) → I show coverage and the reference → you may change the rating → reviews follow a forgetting curve.")))
	t.Blank()
	for _, c := range Commands() {
		usage := "/" + c.Name
		for _, a := range c.Args {
			usage += " [" + a.Name + "]"
		}
		t.Add(C(usage), P(" — "+c.Description[tn.lang]))
	}
	t.Add(C("/rate 1-4"), P(tn.t(" — 给上一次作答改评分", " — change the rating of your last answer")))
	return []Reply{{Text: t, Private: tn.chat.Kind != Private}}
}
