package engine

import (
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// A group stays quiet and nobody's buttons act for anyone else: what the
// core says to one member of a group goes to that member alone, personal
// buttons are bound to their owner, and a member the platform cannot reach
// privately gets one short line in the group, never their feedback, data or
// the reference answer.

// bindButtons marks each button as the person's: a press by anyone else is
// refused (see ownedAction).
func bindButtons(rows [][]bot.Button, userID string) [][]bot.Button {
	if userID == "" || strings.ContainsAny(userID, ":@") {
		return rows
	}
	out := make([][]bot.Button, len(rows))
	for i, row := range rows {
		out[i] = make([]bot.Button, len(row))
		for j, btn := range row {
			if !strings.HasPrefix(btn.Action, "@") {
				btn.Action = "@" + userID + ":" + btn.Action
			}
			out[i][j] = btn
		}
	}
	return out
}

// ownedAction splits a button's action into the action and its owner's
// platform ID ("" for a button nobody owns).
func ownedAction(action string) (string, string) {
	if !strings.HasPrefix(action, "@") {
		return action, ""
	}
	owner, rest, ok := strings.Cut(action[1:], ":")
	if !ok || owner == "" {
		return action, ""
	}
	return rest, owner
}

// sharedAction reports whether a button nobody owns may be pressed in a
// group: the buttons of a round's question, which are everyone's.
func sharedAction(action string) bool {
	kind, _, _ := strings.Cut(action, ":")
	return kind == "answer" || kind == "hint"
}

// checkButton refuses a press of someone else's button, or in a group of a
// personal button that names no owner (one sent before buttons had owners).
// It returns the refusal, or nil with the turn's action stripped of its
// owner.
func checkButton(tn *turn) []bot.Reply {
	action, owner := ownedAction(tn.ev.Action)
	switch {
	case owner != "" && owner != tn.ev.User.ID:
		return []bot.Reply{{Text: bot.TextOf(tn.t("buttons.not_yours")), Private: true}}
	case owner == "" && tn.chat.Kind != bot.Private && !sharedAction(action):
		return []bot.Reply{{Text: bot.TextOf(tn.t("commands.button_no_longer_works")), Private: true}}
	}
	tn.ev.Action = action
	return nil
}

// quiet prepares the replies to an event in a group. The group hears only
// round questions and what its admins ask for: anything else goes to the
// member alone. Personal buttons get their owner, and only a round's
// question keeps buttons in the group. A private reply carries the line the
// group gets if the person cannot be reached, and when the core knows
// already that they cannot (they never opened a private chat where the
// platform needs one), their private replies become that line.
func (b *Bot) quiet(tn *turn, replies []bot.Reply) []bot.Reply {
	switch {
	case tn.chat.Kind == bot.Private || len(replies) == 0:
		return replies
	case tn.chat.Kind == bot.Channel:
		// A channel's posts come from the channel itself: there is no one
		// to answer privately, and nobody to press buttons.
		out := make([]bot.Reply, len(replies))
		for i, r := range replies {
			r.Private, r.Buttons = false, nil
			out[i] = r
		}
		return out
	}
	caps := b.caps(tn.chat.Platform)
	unreachable := caps.PrivateReach == bot.ReachOnceStarted && !tn.user.Started
	line := b.unreachableLine(tn, caps)
	out := make([]bot.Reply, 0, len(replies))
	noted := false
	for _, r := range replies {
		if !r.Private && !tn.ev.Admin && r.Kind != bot.KindRound && r.Edit == "" {
			r.Private = true
		}
		switch {
		case r.Kind == bot.KindRound || r.Edit != "":
		case !r.Private:
			r.Buttons = nil
		case unreachable:
			if !noted {
				out = append(out, b.unreachableReply(tn, line))
				noted = true
			}
			continue
		default:
			r.Buttons = bindButtons(r.Buttons, tn.ev.User.ID)
			if len(r.Unreachable) == 0 {
				r.Unreachable = line
			}
		}
		out = append(out, r)
	}
	return out
}

// unreachableLine is what a group is told instead of what was meant for
// one member alone: that their answer is recorded, or that something was
// for them, and how to let the bot reach them.
func (b *Bot) unreachableLine(tn *turn, caps bot.Capabilities) bot.Text {
	how := tn.t("reach.allow_dms")
	if caps.PrivateReach == bot.ReachOnceStarted {
		how = tn.t("reach.start_private")
	}
	name := printable(tn.ev.User.Name, 40)
	if name == "" {
		name = tn.user.Name
	}
	if tn.recorded {
		return bot.TextOf(tn.t("reach.answer_recorded", name, how))
	}
	return bot.TextOf(tn.t("reach.private_only", name, how))
}

// unreachableReply carries the line for a member the core knows it cannot
// reach: to a button press, privately (a platform may show it to the
// presser alone, in place); else in the group, replying to their message.
func (b *Bot) unreachableReply(tn *turn, line bot.Text) bot.Reply {
	if tn.ev.Kind == bot.EventAction {
		return bot.Reply{Text: line, Private: true, Kind: bot.KindInfo}
	}
	return bot.Reply{Text: line, ReplyTo: tn.ev.MessageID, Kind: bot.KindInfo}
}
