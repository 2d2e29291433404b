package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// forgetWindow is how long a /forget waits for its confirmation.
const forgetWindow = 10 * time.Minute

// UserExport is a person's data as /export gives it.
type UserExport struct {
	User     bot.UserRecord `json:"user"`
	Cards    []ExportedCard `json:"cards"`
	Attempts []bot.Attempt  `json:"attempts"`
	Sessions []bot.Session  `json:"sessions"`
}

// ExportedCard is a review card with its question's prompt, so an export
// reads without the notes.
type ExportedCard struct {
	bot.ReviewCard
	Prompt string `json:"prompt,omitempty"`
}

func (b *Bot) export(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	cards, err := b.store.Cards(ctx, tn.user.Key)
	if err != nil {
		return nil, fmt.Errorf("load cards: %w", err)
	}
	atts, err := b.store.Attempts(ctx, tn.user.Key)
	if err != nil {
		return nil, fmt.Errorf("load attempts: %w", err)
	}
	sessions, err := b.store.Sessions(ctx, tn.user.Key)
	if err != nil {
		return nil, fmt.Errorf("load sessions: %w", err)
	}
	if sessions == nil {
		sessions = []bot.Session{}
	}
	ex := UserExport{User: tn.user, Attempts: atts, Cards: make([]ExportedCard, 0, len(cards)), Sessions: sessions}
	if ex.Attempts == nil {
		ex.Attempts = []bot.Attempt{}
	}
	for _, c := range cards {
		ec := ExportedCard{ReviewCard: c}
		if q, ok := b.bank.Lookup(c.QuestionID); ok {
			ec.Prompt = q.Prompt
		}
		ex.Cards = append(ex.Cards, ec)
	}
	data, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode export: %w", err)
	}
	return []bot.Reply{{
		Text:       bot.TextOf(tn.t("export.data_n_attempts_n", len(atts), len(cards))),
		Attachment: &bot.Attachment{Name: "interviewbot-export.json", MIME: "application/json", Data: data, Unsent: tn.t("export.file_not_sent")},
		Private:    true,
	}}, nil
}

// forget deletes a person's data after a confirmation: /forget asks; the
// button within forgetWindow, or "/forget yes" typed at any time, deletes.
// A typed "yes" is the confirmation itself; a button may be an old one.
func (b *Bot) forget(ctx context.Context, tn *turn, arg string, typed bool) ([]bot.Reply, error) {
	switch strings.ToLower(strings.TrimSpace(arg)) {
	case "yes", "confirm", "确认":
		if !typed && (tn.user.PendingForget.IsZero() || tn.now.Sub(tn.user.PendingForget) > forgetWindow) {
			break
		}
		if err := b.store.ForgetUser(ctx, tn.user.Key); err != nil {
			return nil, fmt.Errorf("forget: %w", err)
		}
		b.log.InfoContext(ctx, "user data deleted", "platform", tn.user.Platform)
		return []bot.Reply{{Text: bot.TextOf(tn.t("export.all_data_deleted_answers")), Private: true}}, nil
	case "no", "cancel", "取消":
		tn.user.PendingForget = time.Time{}
		if err := b.store.PutUser(ctx, tn.user); err != nil {
			return nil, err
		}
		return []bot.Reply{{Text: bot.TextOf(tn.t("export.ok_nothing_was_deleted")), Private: true}}, nil
	}
	tn.user.PendingForget = tn.now
	if err := b.store.PutUser(ctx, tn.user); err != nil {
		return nil, err
	}
	return []bot.Reply{{
		Text: bot.TextOf(tn.t("export.permanently_deletes_all_answers")),
		Buttons: [][]bot.Button{{
			{Label: tn.t("export.delete_everything"), Action: "forget:yes"},
			{Label: tn.t("export.cancel"), Action: "forget:no"},
		}},
		Private: true,
	}}, nil
}
