package discord

import (
	"regexp"

	"github.com/interviewbot/interviewbot/bot/internal/redact"
)

// webhookTokenRE matches the token part of interaction and webhook URLs,
// which discordgo puts into some error messages.
var webhookTokenRE = regexp.MustCompile(`((?:interactions|webhooks)/[0-9]+/)[^/?\s"]+`)

// newRedactor returns a redactor of the bot token, in every form it may
// take, and of interaction and webhook tokens.
func newRedactor(token string) redact.Redactor {
	return redact.New([]string{"Bot " + token, token}, redact.Pattern(webhookTokenRE))
}

// redactError returns err with a redacted message. Discord's error answers
// become *APIError (without the request, whose headers hold the token);
// other errors unwrap only to what redact.Redactor.Error keeps.
func redactError(r redact.Redactor, err error) error {
	if ae := apiErrorOf(err); ae != nil {
		ae.Message = r.String(ae.Message)
		return ae
	}
	return r.Error(err)
}
