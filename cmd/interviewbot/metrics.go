package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/net/netutil"

	"github.com/interviewbot/interviewbot/bot"
)

// metrics are the bot's Prometheus metrics, in a registry of their own
// (not the library's global one).
type metrics struct {
	reg        *prometheus.Registry
	events     *prometheus.CounterVec
	eventTime  *prometheus.HistogramVec
	replies    *prometheus.CounterVec
	throttled  *prometheus.CounterVec
	pushes     *prometheus.CounterVec
	pushLag    *prometheus.HistogramVec
	pushErrors *prometheus.CounterVec
	sendErrors *prometheus.CounterVec
}

// outboxDepther reports the number of undelivered pushes.
type outboxDepther interface {
	OutboxDepth(ctx context.Context) (int, error)
}

func newMetrics(store outboxDepther) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_updates_handled_total", Help: "Updates (messages, commands, button presses) handled, by platform and kind.",
		}, []string{"platform", "kind"}),
		eventTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "interviewbot_update_handling_seconds", Help: "Time the core took to handle an update (grading and storing included).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"platform"}),
		replies: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_replies_total", Help: "Replies the core produced for adapters to send, by platform.",
		}, []string{"platform"}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_throttled_total", Help: "Updates dropped because one person sent too many too fast.",
		}, []string{"platform"}),
		pushes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_pushes_sent_total", Help: "Scheduled pushes delivered, by platform.",
		}, []string{"platform"}),
		pushLag: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "interviewbot_push_lag_seconds", Help: "Time from a push being due to its delivery.",
			Buckets: prometheus.ExponentialBuckets(0.1, 2, 16),
		}, []string{"platform"}),
		pushErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_push_errors_total", Help: "Failed push sends, by platform and kind (retry, gave_up, undeliverable).",
		}, []string{"platform", "kind"}),
		sendErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_send_errors_total", Help: "Failed platform calls while replying, by platform and kind (rate_limited, server, network, undeliverable, other).",
		}, []string{"platform", "kind"}),
	}
	depth := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "interviewbot_outbox_depth", Help: "Pushes waiting in the outbox.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := store.OutboxDepth(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
	m.reg.MustRegister(m.events, m.eventTime, m.replies, m.throttled, m.pushes, m.pushLag, m.pushErrors, m.sendErrors, depth,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// EventHandled counts an update and its replies.
func (m *metrics) EventHandled(p bot.Platform, kind string, took time.Duration, replies int) {
	m.events.WithLabelValues(string(p), kind).Inc()
	m.eventTime.WithLabelValues(string(p)).Observe(took.Seconds())
	m.replies.WithLabelValues(string(p)).Add(float64(replies))
}

// Throttled counts a dropped update.
func (m *metrics) Throttled(p bot.Platform) { m.throttled.WithLabelValues(string(p)).Inc() }

// PushSent counts a delivered push and its lag.
func (m *metrics) PushSent(p bot.Platform, lag time.Duration) {
	m.pushes.WithLabelValues(string(p)).Inc()
	m.pushLag.WithLabelValues(string(p)).Observe(lag.Seconds())
}

// PushFailed counts a failed push send.
func (m *metrics) PushFailed(p bot.Platform, kind string) {
	m.pushErrors.WithLabelValues(string(p), kind).Inc()
}

// SendFailed counts a failed platform call made while replying.
func (m *metrics) SendFailed(p bot.Platform, kind string) {
	m.sendErrors.WithLabelValues(string(p), kind).Inc()
}

// healthChecker is the store as /healthz sees it.
type healthChecker interface {
	// Health returns nil while the database answers reads and takes
	// writes.
	Health(ctx context.Context) error
}

// httpLimits bound what one client of an HTTP server may hold: a client
// that trickles its request, keeps an idle connection, or never reads the
// answer is let go, and connections beyond MaxConns wait in the kernel's
// queue instead of each taking a file descriptor and memory.
type httpLimits struct {
	ReadHeader, Read, Write, Idle time.Duration
	MaxHeaderBytes                int
	MaxBodyBytes                  int64
	MaxConns                      int
}

// metricsLimits returns the limits of the metrics server: scrapes and
// health checks are small and quick.
func metricsLimits() httpLimits {
	return httpLimits{
		ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 30 * time.Second, Idle: time.Minute,
		MaxHeaderBytes: 16 << 10, MaxBodyBytes: 4 << 10, MaxConns: 32,
	}
}

// server returns an HTTP server for h with the limits, and the listener
// to serve it on, capped at MaxConns connections.
func (l httpLimits) server(ln net.Listener, h http.Handler, logger *slog.Logger) (*http.Server, net.Listener) {
	srv := &http.Server{
		Handler:           l.limitBody(h),
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.Read,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    l.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelDebug),
	}
	return srv, netutil.LimitListener(ln, l.MaxConns)
}

// limitBody refuses a request whose body may exceed MaxBodyBytes with 413
// and closes its connection at once: after the answer, the server would
// otherwise read the rest of the body, as slowly as it comes, to keep the
// connection.
func (l httpLimits) limitBody(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > l.MaxBodyBytes || r.ContentLength < 0 {
			w.Header().Set("Connection", "close")
			_ = http.NewResponseController(w).SetReadDeadline(time.Now())
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// serveMetrics serves /metrics and /healthz on addr until ctx is done.
// /healthz answers 200 while the database answers reads and takes writes
// (see storage.DB.Health), 503 otherwise.
func serveMetrics(ctx context.Context, addr string, m *metrics, store healthChecker, logger *slog.Logger) (string, error) {
	return serveMetricsWith(ctx, addr, metricsLimits(), m, store, logger)
}

// serveMetricsWith is serveMetrics with the server's limits.
func serveMetricsWith(ctx context.Context, addr string, limits httpLimits, m *metrics, store healthChecker, logger *slog.Logger) (string, error) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := store.Health(ctx); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("metrics.listen %s: %w", addr, err)
	}
	srv, limited := limits.server(ln, mux, logger)
	go func() {
		if err := srv.Serve(limited); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("metrics server", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	return ln.Addr().String(), nil
}
