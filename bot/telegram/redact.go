package telegram

import "github.com/interviewbot/interviewbot/bot/internal/redact"

// newRedactor returns the adapter's redactor: it removes the token and the
// other secrets (the webhook secret) from text, and lets redacted errors
// keep the *APIError they carry, whose description holds no secret.
func newRedactor(token string, others ...string) redact.Redactor {
	return redact.New(append([]string{token}, others...), redact.Keep(keepAPIError))
}

// keepAPIError returns the *APIError in err's chain, if any.
func keepAPIError(err error) []error {
	if ae := asAPIError(err); ae != nil {
		return []error{ae}
	}
	return nil
}
