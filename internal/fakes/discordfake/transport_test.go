package discordfake_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

func TestRewriteTransport(t *testing.T) {
	t.Parallel()
	var gotPath, gotHost string
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotHost = r.URL.RequestURI(), r.Host
		_, _ = io.WriteString(w, "ok")
	}))
	defer backend.Close()

	tests := []struct {
		base, url, wantPath string
		rewritten           bool
	}{
		{backend.URL, "https://discord.com/api/v9/users/@me?x=1", "/api/v9/users/@me?x=1", true},
		{backend.URL + "/proxy/", "https://discord.com/api/v10/gateway", "/proxy/api/v10/gateway", true},
		{backend.URL, "https://cdn.discordapp.com/attachments/1/2/a.png", "/attachments/1/2/a.png", true},
		{backend.URL, backend.URL + "/other", "/other", false},
	}
	for _, tt := range tests {
		rt, err := discordfake.NewRewriteTransport(tt.base, nil)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", tt.url, nil)
		resp, err := (&http.Client{Transport: rt}).Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.url, err)
		}
		resp.Body.Close()
		if gotPath != tt.wantPath || gotHost != backend.Listener.Addr().String() {
			t.Errorf("%s via %s: backend saw %s %s, want %s", tt.url, tt.base, gotHost, gotPath, tt.wantPath)
		}
		if req.URL.String() != tt.url {
			t.Errorf("the caller's request was modified: %s", req.URL)
		}
	}
	if _, err := discordfake.NewRewriteTransport("ftp://x", nil); err == nil {
		t.Error("ftp base accepted")
	}
}
