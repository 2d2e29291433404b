package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/net/netutil"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/drain"
)

// SecretTokenHeader is the header in which Telegram sends the webhook's
// secret token.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxUpdateSize bounds a webhook request body.
const maxUpdateSize = 1 << 20

// runWebhook serves the webhook and sets it with Telegram until ctx is
// done, then stops accepting updates and waits for those being handled.
func (a *Adapter) runWebhook(ctx, work context.Context, cancelWork context.CancelFunc, r bot.Replier) error {
	ln := a.opts.listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", a.cfg.Webhook.Listen); err != nil {
			return fmt.Errorf("telegram: webhook: %w", err)
		}
	}
	d := newDispatcher()
	lim := a.opts.server
	srv := &http.Server{
		Handler:           a.webhookHandler(work, d, r),
		ReadHeaderTimeout: lim.ReadHeader,
		ReadTimeout:       lim.Read,
		WriteTimeout:      lim.Write,
		IdleTimeout:       lim.Idle,
		MaxHeaderBytes:    lim.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelDebug),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(netutil.LimitListener(ln, lim.MaxConns)) }()
	a.log.Info("telegram webhook listening", "addr", ln.Addr().String(), "path", a.cfg.Webhook.webhookPath())

	var runErr error
	if err := a.setWebhook(ctx); err != nil {
		if ctx.Err() == nil {
			runErr = err
		}
	} else {
		select {
		case <-ctx.Done():
		case err := <-served:
			runErr = fmt.Errorf("telegram: webhook server: %w", err)
		}
	}

	sctx, cancel := context.WithTimeout(context.Background(), a.opts.drainTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		a.log.Warn("telegram webhook updates still being handled at shutdown", "timeout", a.opts.drainTimeout, "err", err)
		cancelWork()
		srv.Close()
	}
	if !d.wait(drain.Grace) {
		cancelWork()
	}
	a.log.Info("telegram webhook stopped")
	return runErr
}

// setWebhook tells Telegram where to post updates, with the secret token.
func (a *Adapter) setWebhook(ctx context.Context) error {
	allowed, err := json.Marshal(allowedUpdates())
	if err != nil {
		return fmt.Errorf("telegram: setWebhook: %w", err)
	}
	params := tgbotapi.Params{
		"url":             a.cfg.Webhook.URL,
		"secret_token":    a.cfg.Webhook.SecretToken,
		"allowed_updates": string(allowed),
	}
	_, err = a.do(ctx, callSpec{method: "setWebhook"}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest("setWebhook", params)
	})
	return err
}

// webhookHandler serves Telegram's update POSTs: it checks the secret
// token (401 without it), handles the update, in order with the chat's
// other updates, and then answers 200.
func (a *Adapter) webhookHandler(work context.Context, d *dispatcher, r bot.Replier) http.Handler {
	path := a.cfg.Webhook.webhookPath()
	secret := []byte(a.cfg.Webhook.SecretToken)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != path {
			http.NotFound(w, req)
			return
		}
		if req.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if subtle.ConstantTimeCompare([]byte(req.Header.Get(SecretTokenHeader)), secret) != 1 {
			// Closed at once: the server would otherwise read the rest
			// of an unwanted body (up to 256 KB, as slowly as it comes)
			// to keep the connection.
			refuseBody(w)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxUpdateSize))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(body, &u); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				http.Error(w, "bad request", http.StatusBadRequest)
				return
			}
			// Valid JSON the SDK cannot decode: skip it, or Telegram would
			// send it again and again.
			a.log.Warn("telegram update skipped: cannot decode it", "err", err)
			w.WriteHeader(http.StatusOK)
			return
		}
		key, ok := updateKey(u)
		if !ok {
			w.WriteHeader(http.StatusOK)
			return
		}
		handle, admitted := a.admitUpdate(work, d, r, key, u)
		if !handle {
			w.WriteHeader(http.StatusOK) // dropped by the flood limit
			return
		}
		done := d.submit(0, key, func() { a.handleUpdate(work, r, u, admitted) })
		select {
		case <-done:
			w.WriteHeader(http.StatusOK)
		case <-req.Context().Done():
		}
	})
}

// refuseBody makes the server close the connection after the answer
// instead of reading the rest of the request's body.
func refuseBody(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	_ = http.NewResponseController(w).SetReadDeadline(time.Now())
}
