package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/i18n"
)

func (b *Bot) topics(tn *turn) []bot.Reply {
	var t bot.Text
	t.Add(bot.B(tn.t("settings.topics")))
	for _, name := range b.bank.Topics() {
		t.Add(bot.P("• "+name+" "), bot.I(tn.t("settings.n_questions", len(b.bank.InTopic(name)))), bot.P("  "), bot.C("/topic "+name))
	}
	if n := len(b.bank.InTopic("")); n > 0 {
		name := topicLabel(tn, unsortedTopic)
		t.Add(bot.P("• "+name+" "), bot.I(tn.t("settings.n_questions", n)), bot.P("  "), bot.C("/topic "+name))
	}
	if tn.chat.Topic != "" {
		t.Blank()
		t.Add(bot.P(tn.t("settings.now_practising_only_x", topicLabel(tn, tn.chat.Topic))))
	}
	return []bot.Reply{{Text: t, Private: tn.chat.Kind != bot.Private}}
}

func (b *Bot) topic(ctx context.Context, tn *turn, name string) ([]bot.Reply, error) {
	if name == "" || strings.EqualFold(name, "all") || name == "全部" {
		tn.chat.Topic = ""
		if err := b.store.PutChat(ctx, tn.chat); err != nil {
			return nil, err
		}
		return []bot.Reply{{Text: bot.TextOf(tn.t("settings.ok_practising_all_topics"))}}, nil
	}
	topic, ok := b.findTopic(name)
	if !ok {
		r := b.topics(tn)
		r[0].Text = append(bot.TextOf(tn.t("settings.no_topic_x", name), ""), r[0].Text...)
		return r, nil
	}
	tn.chat.Topic = topic
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return nil, err
	}
	return []bot.Reply{{
		Text:    bot.TextOf(tn.t("settings.ok_from_now_only", topicLabel(tn, topic), b.topicSize(topic))),
		Buttons: [][]bot.Button{{nextButton(tn)}},
	}}, nil
}

// subscribe sets the chat's schedule from "[HH:MM] [DAYS] [Area/City]" in
// any order, defaults filling what is left out, and says when the next push
// comes.
func (b *Bot) subscribe(ctx context.Context, tn *turn, args string) ([]bot.Reply, error) {
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
		case bot.IsClock(f):
			at = f
		case strings.Contains(f, "/") || strings.EqualFold(f, "UTC"):
			zone = f
		default:
			days = f
		}
	}
	s, err := bot.ParseSchedule(at+" "+days, zone)
	if errors.Is(err, bot.ErrBadSpec) {
		return []bot.Reply{{
			Text:    bot.TextOf(specMessage(tn, err), tn.t("settings.example_subscribe_09_00")),
			Private: tn.chat.Kind != bot.Private,
		}}, nil
	}
	if err != nil {
		return nil, err
	}
	tn.chat.Schedule = &s
	if tn.chat.Kind != bot.Private {
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
	loc, _ := bot.LoadZone(s.TZ)
	msg := tn.t("settings.subscribed_x_x_x", s.At, describeDays(tn, s.Days), s.TZ, formatWhen(tn, next, tn.now, loc))
	if tn.chat.Kind == bot.Private && s.TZ != own {
		msg += tn.t("settings.zone_schedule_only_own", own)
	}
	return []bot.Reply{{Text: bot.TextOf(msg)}}, nil
}

// specMessage says what is wrong with a schedule or zone in the person's
// language: a Go error's text never reaches a chat.
func specMessage(tn *turn, err error) string {
	var se *bot.SpecError
	if !errors.As(err, &se) {
		return tn.t("spec.format", "")
	}
	return tn.t("spec."+se.Part, printable(se.Value, 40))
}

func describeDays(tn *turn, days string) string {
	switch days {
	case "daily":
		return tn.t("settings.daily")
	case "mon-fri":
		return tn.t("settings.weekdays")
	case "sat,sun":
		return tn.t("settings.at_weekends")
	}
	return days
}

func (b *Bot) unsubscribe(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if tn.chat.Schedule == nil {
		return []bot.Reply{{Text: bot.TextOf(tn.t("settings.was_no_schedule_stop"))}}, nil
	}
	tn.chat.Schedule = nil
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return nil, err
	}
	return []bot.Reply{{Text: bot.TextOf(tn.t("settings.ok_scheduled_questions_stopped"))}}, nil
}

func (b *Bot) timezone(ctx context.Context, tn *turn, name string) ([]bot.Reply, error) {
	if name == "" {
		return []bot.Reply{{Text: bot.TextOf(tn.t("settings.time_zone_x_usage", b.zoneFor(tn.chat, tn.user))), Private: tn.chat.Kind != bot.Private}}, nil
	}
	loc, err := bot.LoadZone(name)
	if err != nil {
		return []bot.Reply{{Text: bot.TextOf(specMessage(tn, err)), Private: tn.chat.Kind != bot.Private}}, nil
	}
	name = loc.String()
	tn.chat.TZ = name
	if tn.chat.Schedule != nil {
		tn.chat.Schedule.TZ = name
		tn.chat.LastSlot = tn.now
	}
	var user *bot.UserRecord
	if tn.chat.Kind == bot.Private {
		tn.user.TZ = name
		user = &tn.user
	}
	if err := b.store.PutUserAndChat(ctx, user, &tn.chat); err != nil {
		return nil, fmt.Errorf("save time zone: %w", err)
	}
	msg := tn.t("settings.time_zone_set_x", name)
	if s := tn.chat.Schedule; s != nil {
		if next, err := s.Next(tn.now); err == nil {
			loc, _ := bot.LoadZone(name)
			msg += tn.t("settings.next_question_x", formatWhen(tn, next, tn.now, loc))
		}
	}
	return []bot.Reply{{Text: bot.TextOf(msg)}}, nil
}

func (b *Bot) setLang(ctx context.Context, tn *turn, arg string) ([]bot.Reply, error) {
	lang := findLang(arg)
	switch {
	case strings.TrimSpace(arg) == "":
		return []bot.Reply{{Text: bot.TextOf(tn.t("lang.current", tn.t("lang.name"), langList())), Private: tn.chat.Kind != bot.Private}}, nil
	case lang == "":
		return []bot.Reply{{Text: bot.TextOf(tn.t("lang.usage", langList())), Private: tn.chat.Kind != bot.Private}}, nil
	}
	if tn.chat.Kind == bot.Private {
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
	return []bot.Reply{{Text: bot.TextOf(tn.t("lang.set"))}}, nil
}

// findLang returns the catalog language a person names: its code ("en",
// "zh-CN"), or its name in its own language ("中文", "English"); "" for
// none.
func findLang(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	c := i18n.Default()
	for _, l := range c.Langs() {
		if name == l || strings.HasPrefix(name, l+"-") || strings.HasPrefix(name, l+"_") || name == strings.ToLower(c.Text(l, "lang.name")) {
			return l
		}
	}
	if name == "cn" {
		return findLang("zh")
	}
	return ""
}

// langList lists the catalog's languages: "en English, zh 中文".
func langList() string {
	c := i18n.Default()
	var parts []string
	for _, l := range c.Langs() {
		parts = append(parts, l+" "+c.Text(l, "lang.name"))
	}
	return strings.Join(parts, ", ")
}
