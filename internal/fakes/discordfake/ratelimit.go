package discordfake

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Normal responses carry a bucket that always has plenty of requests left:
// discordgo's rate limiter sleeps until the bucket's reset when its local
// count of remaining requests reaches 0, and it decrements that count for
// responses without headers (proxy errors, retries), so a small limit would
// make it wait needlessly.
const (
	bucketLimit      = 50
	bucketResetAfter = time.Second
)

// bucketHash returns a stable, Discord-looking bucket id for a route.
func bucketHash(route string) string {
	sum := sha256.Sum256([]byte(route))
	return hex.EncodeToString(sum[:16])
}

// seconds formats d as Discord's fractional seconds ("0.050").
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}

// resetAt formats the Unix time now+d with milliseconds.
func resetAt(d time.Duration) string {
	return strconv.FormatFloat(float64(time.Now().Add(d).UnixMilli())/1000, 'f', 3, 64)
}

// rateLimitHeaders adds the X-RateLimit-* headers of a request that was not
// rate limited.
func (s *Server) rateLimitHeaders(h http.Header, rt *route) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(bucketLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(bucketLimit-1))
	h.Set("X-RateLimit-Reset", resetAt(bucketResetAfter))
	h.Set("X-RateLimit-Reset-After", seconds(bucketResetAfter))
	h.Set("X-RateLimit-Bucket", bucketHash(rt.name))
}

// rateLimitResponse is Discord's 429: the JSON body and, for a bucket limit,
// the full set of headers; a global limit carries only Retry-After,
// X-RateLimit-Global and X-RateLimit-Scope, as on Discord. Retry-After is
// whole seconds rounded up; retry_after in the body is exact.
func rateLimitResponse(rt *route, retryAfter time.Duration, global bool) response {
	resp := jsonResponse(http.StatusTooManyRequests, map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": math.Round(retryAfter.Seconds()*1000) / 1000,
		"global":      global,
	})
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(retryAfter.Seconds()))))
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Limit", strconv.Itoa(bucketLimit))
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", resetAt(retryAfter))
		h.Set("X-RateLimit-Reset-After", seconds(retryAfter))
		h.Set("X-RateLimit-Bucket", bucketHash(rt.name))
		h.Set("X-RateLimit-Scope", "user")
	}
	resp.header = h
	return resp
}
