package telegram

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot/internal/redact"
)

// ctxClient is the tgbotapi.HTTPClient of one call: tgbotapi builds its
// requests without a context, so ctxClient attaches the call's context
// (cancellation, deadline) to each of them. It also turns answers that are
// not Bot API JSON (an HTML error page of a proxy) into an *APIError, and
// keeps the URL, which holds the token, out of transport errors.
type ctxClient struct {
	ctx    context.Context
	client *http.Client
	r      redact.Redactor
	// status is the HTTP status of the last answer, for errors whose body
	// has no error_code (some proxies).
	status int
}

// Do sends the request with the call's context.
func (c *ctxClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.client.Do(req.WithContext(c.ctx))
	if err == nil {
		c.status = resp.StatusCode
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, &url.Error{Op: ue.Op, URL: c.r.String(ue.URL), Err: ue.Err}
		}
		return nil, err
	}
	if resp.StatusCode >= 300 && !isJSON(resp.Header.Get("Content-Type")) {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, &APIError{Code: resp.StatusCode, Description: http.StatusText(resp.StatusCode) + " (not a Bot API answer)"}
	}
	return resp, nil
}

// isJSON reports whether a Content-Type is JSON.
func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// api returns a client whose requests carry ctx. BotAPI holds no lock or
// connection, so a shallow copy per call is cheap and safe.
func (a *Adapter) api(ctx context.Context) *tgbotapi.BotAPI {
	b, _ := a.apiClient(ctx)
	return b
}

// apiClient is api that also returns the HTTP client it uses, which keeps
// the status of the answer.
func (a *Adapter) apiClient(ctx context.Context) (*tgbotapi.BotAPI, *ctxClient) {
	b := *a.base
	c := &ctxClient{ctx: ctx, client: a.client, r: a.redact}
	b.Client = c
	return &b, c
}
