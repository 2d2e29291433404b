package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

func (b *Bot) topics(tn *turn) []Reply {
	var t Text
	t.Add(B(tn.t("主题", "Topics")))
	for _, name := range b.bank.Topics() {
		t.Add(P("• "+name+" "), I(tn.tf("（%d 题）", "(%d questions)", len(b.bank.InTopic(name)))), P("  "), C("/topic "+name))
	}
	if n := len(b.bank.InTopic("")); n > 0 {
		name := topicLabel(tn, unsortedTopic)
		t.Add(P("• "+name+" "), I(tn.tf("（%d 题）", "(%d questions)", n)), P("  "), C("/topic "+name))
	}
	if tn.chat.Topic != "" {
		t.Blank()
		t.Add(P(tn.tf("当前只练「%s」；/topic 不带参数恢复全部。", "Now practising only “%s”; /topic with no name goes back to all.", topicLabel(tn, tn.chat.Topic))))
	}
	return []Reply{{Text: t, Private: tn.chat.Kind != Private}}
}

func (b *Bot) topic(ctx context.Context, tn *turn, name string) ([]Reply, error) {
	if name == "" || strings.EqualFold(name, "all") || name == "全部" {
		tn.chat.Topic = ""
		if err := b.store.PutChat(ctx, tn.chat); err != nil {
			return nil, err
		}
		return []Reply{{Text: TextOf(tn.t("好的，恢复练习全部主题。", "OK, practising all topics again."))}}, nil
	}
	topic, ok := b.findTopic(name)
	if !ok {
		r := b.topics(tn)
		r[0].Text = append(TextOf(tn.tf("没有找到主题「%s」。", "No topic “%s”.", name), ""), r[0].Text...)
		return r, nil
	}
	tn.chat.Topic = topic
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return nil, err
	}
	return []Reply{{
		Text:    TextOf(tn.tf("好的，接下来只练「%s」（%d 题）。", "OK, from now on only “%s” (%d questions).", topicLabel(tn, topic), b.topicSize(topic))),
		Buttons: [][]Button{{nextButton(tn)}},
	}}, nil
}

// subscribe sets the chat's schedule from "[HH:MM] [DAYS] [Area/City]" in
// any order, defaults filling what is left out, and says when the next push
// comes.
func (b *Bot) subscribe(ctx context.Context, tn *turn, args string) ([]Reply, error) {
	def := strings.Fields(b.cfg.Schedule)
	at, days := def[0], "daily"
	if len(def) > 1 {
		days = def[1]
	}
	own := b.zoneFor(tn.chat, tn.user).String()
	zone := own
	if tn.chat.Schedule != nil && tn.chat.Schedule.TZ != "" {
		zone = tn.chat.Schedule.TZ
	}
	for _, f := range strings.Fields(args) {
		switch {
		case isClock(f):
			at = f
		case strings.Contains(f, "/") || strings.EqualFold(f, "UTC"):
			zone = f
		default:
			days = f
		}
	}
	s, err := ParseSchedule(at+" "+days, zone)
	if errors.Is(err, ErrBadSpec) {
		return []Reply{{
			Text:    TextOf(err.Error(), tn.t("例如：/subscribe 09:00 mon-fri Asia/Shanghai", "For example: /subscribe 09:00 mon-fri Europe/Berlin")),
			Private: tn.chat.Kind != Private,
		}}, nil
	}
	if err != nil {
		return nil, err
	}
	tn.chat.Schedule = &s
	if tn.chat.Kind != Private {
		// A group has no person's zone: its schedule's zone is the group's.
		tn.chat.TZ = s.TZ
	}
	// Slots before now are handled: a new or changed schedule fires next at
	// its next time, and the old one never again.
	tn.chat.LastSlot = tn.now
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return nil, err
	}
	next, err := s.Next(tn.now)
	if err != nil {
		return nil, err
	}
	loc, _ := LoadZone(s.TZ)
	msg := tn.tf("⏰ 已订阅：%s %s（%s）。下一次推题：%s。",
		"⏰ Subscribed: %s %s (%s). Next question: %s.", s.At, describeDays(tn, s.Days), s.TZ, formatWhen(tn, next, tn.now, loc))
	if tn.chat.Kind == Private && s.TZ != own {
		msg += tn.tf("这个时区只用于推题；你自己的时区仍是 %s（/timezone 修改）。", " The zone is for this schedule only; your own time zone stays %s (/timezone changes it).", own)
	}
	return []Reply{{Text: TextOf(msg)}}, nil
}

func describeDays(tn *turn, days string) string {
	switch days {
	case "daily":
		return tn.t("每天", "daily")
	case "mon-fri":
		return tn.t("工作日", "on weekdays")
	case "sat,sun":
		return tn.t("周末", "at weekends")
	}
	return days
}

func (b *Bot) unsubscribe(ctx context.Context, tn *turn) ([]Reply, error) {
	if tn.chat.Schedule == nil {
		return []Reply{{Text: TextOf(tn.t("本来就没有订阅定时推题。", "There was no schedule to stop."))}}, nil
	}
	tn.chat.Schedule = nil
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return nil, err
	}
	return []Reply{{Text: TextOf(tn.t("好的，已取消定时推题。随时 /next 来一道。", "OK, scheduled questions stopped. /next any time."))}}, nil
}

func (b *Bot) timezone(ctx context.Context, tn *turn, name string) ([]Reply, error) {
	if name == "" {
		return []Reply{{Text: TextOf(tn.tf("当前时区：%s。用法：/timezone Asia/Shanghai", "Time zone: %s. Usage: /timezone Europe/Berlin", b.zoneFor(tn.chat, tn.user))), Private: tn.chat.Kind != Private}}, nil
	}
	loc, err := LoadZone(name)
	if err != nil {
		return []Reply{{Text: TextOf(err.Error()), Private: tn.chat.Kind != Private}}, nil
	}
	name = loc.String()
	tn.chat.TZ = name
	if tn.chat.Schedule != nil {
		tn.chat.Schedule.TZ = name
		tn.chat.LastSlot = tn.now
	}
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return nil, err
	}
	if tn.chat.Kind == Private {
		tn.user.TZ = name
		if err := b.store.PutUser(ctx, tn.user); err != nil {
			return nil, err
		}
	}
	msg := tn.tf("时区已设为 %s。", "Time zone set to %s.", name)
	if s := tn.chat.Schedule; s != nil {
		if next, err := s.Next(tn.now); err == nil {
			loc, _ := LoadZone(name)
			msg += tn.tf("下一次推题：%s。", " Next question: %s.", formatWhen(tn, next, tn.now, loc))
		}
	}
	return []Reply{{Text: TextOf(msg)}}, nil
}

func (b *Bot) setLang(ctx context.Context, tn *turn, arg string) ([]Reply, error) {
	lang := strings.ToLower(strings.TrimSpace(arg))
	switch {
	case lang == "":
		return []Reply{{Text: TextOf(tn.t("当前语言：中文。/lang en 换成英文。", "The language is English. /lang zh switches to Chinese.")), Private: tn.chat.Kind != Private}}, nil
	case strings.HasPrefix(lang, "zh"), lang == "中文", lang == "cn":
		lang = "zh"
	case strings.HasPrefix(lang, "en"), lang == "english":
		lang = "en"
	default:
		return []Reply{{Text: TextOf(tn.t("用法：/lang zh 或 /lang en", "Usage: /lang zh or /lang en")), Private: tn.chat.Kind != Private}}, nil
	}
	if tn.chat.Kind == Private {
		tn.user.Lang = lang
		if err := b.store.PutUser(ctx, tn.user); err != nil {
			return nil, fmt.Errorf("save language: %w", err)
		}
	} else {
		tn.chat.Lang = lang
		if err := b.store.PutChat(ctx, tn.chat); err != nil {
			return nil, fmt.Errorf("save language: %w", err)
		}
	}
	tn.lang = lang
	return []Reply{{Text: TextOf(tn.t("好的，之后用中文。", "OK, English from now on."))}}, nil
}
