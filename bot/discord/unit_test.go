package discord

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
)

func TestCustomIDs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		action string
		form   bool
		id     string
	}{
		{"hint:q1", false, "hint:q1"},
		{"answer:q1", true, "form:answer:q1"},
		{"form:odd", false, "raw:form:odd"},
		{"raw:odd", false, "raw:raw:odd"},
		{"raw:odd", true, "form:raw:odd"},
	} {
		id := encodeCustomID(tc.action, tc.form)
		if id != tc.id {
			t.Errorf("encode(%q, %v) = %q, want %q", tc.action, tc.form, id, tc.id)
		}
		if a, f := decodeCustomID(id); a != tc.action || f != tc.form {
			t.Errorf("decode(%q) = %q, %v", id, a, f)
		}
	}
}

func testAdapter(t *testing.T) *Adapter {
	t.Helper()
	a, err := New(Config{Token: "tok", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestComponentsLayout(t *testing.T) {
	t.Parallel()
	a := testAdapter(t)
	var wide []bot.Button
	for i := range 7 {
		wide = append(wide, bot.Button{Label: fmt.Sprint(i), Action: fmt.Sprint("a", i)})
	}
	rows := [][]bot.Button{
		wide,
		{{Label: "dup", Action: "a1"}, {Label: "", Action: "empty-label"}, {Label: "no action"}},
		{{Label: strings.Repeat("長", 100), Action: "long"}, {Label: "too long", Action: strings.Repeat("x", 101)}},
		{{Label: "Good", Action: "rate:3", Suggested: true}, {Label: "Answer", Action: "answer:q", Form: true}},
		{{Label: "r5", Action: "r5"}},
		{{Label: "r6", Action: "r6"}},
	}
	comps := a.components(rows)
	if len(comps) != 5 {
		t.Fatalf("%d rows, want 5", len(comps))
	}
	var ids []string
	var buttons []discordgo.Button
	for _, r := range comps {
		row := r.(discordgo.ActionsRow)
		if len(row.Components) > 5 {
			t.Errorf("row of %d", len(row.Components))
		}
		for _, c := range row.Components {
			b := c.(discordgo.Button)
			ids = append(ids, b.CustomID)
			buttons = append(buttons, b)
		}
	}
	want := []string{"a0", "a1", "a2", "a3", "a4", "a5", "a6", "empty-label", "long", "rate:3", "form:answer:q"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids = %v\nwant  %v", ids, want)
	}
	for _, b := range buttons {
		switch b.CustomID {
		case "empty-label":
			if b.Label == "" {
				t.Error("empty label kept")
			}
		case "long":
			if n := len([]rune(b.Label)); n != 80 {
				t.Errorf("long label has %d characters", n)
			}
		case "rate:3":
			if b.Style != discordgo.PrimaryButton || b.Label != "✓ Good" {
				t.Errorf("suggested = %+v", b)
			}
		default:
			if b.Style != discordgo.SecondaryButton {
				t.Errorf("%s style %d", b.CustomID, b.Style)
			}
		}
	}
	if got := a.components(nil); got == nil || len(got) != 0 {
		t.Errorf("no buttons = %#v, want an empty, non-nil slice", got)
	}
}

func TestSlashCommands(t *testing.T) {
	t.Parallel()
	cmds, errs := slashCommands(bot.Commands())
	if len(errs) != 0 || len(cmds) != len(bot.Commands()) {
		t.Fatalf("slashCommands: %d commands, errors %v", len(cmds), errs)
	}
	specs := []bot.CommandSpec{
		{Name: "Mixed", Description: map[string]string{"zh": "只有中文"}, Args: []bot.ArgSpec{
			{Name: "opt", Description: map[string]string{"en": "optional"}},
			{Name: "req", Required: true, Choices: []string{"a", ""}},
		}},
		{Name: "bad name!", Description: map[string]string{"en": "x"}},
		{Name: "long", Description: map[string]string{"en": strings.Repeat("d", 150)}},
	}
	cmds, errs = slashCommands(specs)
	if len(cmds) != 2 || len(errs) != 2 {
		t.Fatalf("got %d commands, errors %v", len(cmds), errs)
	}
	c := cmds[0]
	if c.Name != "mixed" || c.Description != "只有中文" || (*c.DescriptionLocalizations)[discordgo.ChineseCN] != "只有中文" {
		t.Errorf("command = %+v", c)
	}
	if c.Options[0].Name != "req" || !c.Options[0].Required || len(c.Options[0].Choices) != 1 || c.Options[1].Name != "opt" {
		t.Errorf("options not required-first: %+v %+v", c.Options[0], c.Options[1])
	}
	if c.Options[1].Description != "optional" || c.Options[0].Description != "req" {
		t.Errorf("option descriptions = %q, %q", c.Options[0].Description, c.Options[1].Description)
	}
	if n := len([]rune(cmds[1].Description)); n != 100 {
		t.Errorf("long description has %d characters", n)
	}
}

func TestCommandArgs(t *testing.T) {
	t.Parallel()
	order := argOrders(bot.Commands())["subscribe"]
	opts := []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: "zone", Type: discordgo.ApplicationCommandOptionString, Value: "Asia/Shanghai"},
		{Name: "extra", Type: discordgo.ApplicationCommandOptionInteger, Value: float64(3)},
		{Name: "time", Type: discordgo.ApplicationCommandOptionString, Value: " 09:00 "},
		{Name: "days", Type: discordgo.ApplicationCommandOptionBoolean, Value: true},
		nil,
		{Name: "sub", Type: discordgo.ApplicationCommandOptionSubCommand, Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "x", Value: "y"}}},
	}
	if got, want := commandArgs(order, opts), "09:00 true Asia/Shanghai 3 y"; got != want {
		t.Errorf("commandArgs = %q, want %q", got, want)
	}
	if got := commandArgs(nil, nil); got != "" {
		t.Errorf("no options = %q", got)
	}
}

func TestRewriteTransport(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Host+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	c, err := newHTTPClient(srv.URL+"/proxy/", nil, defaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://discord.com/api/v9/gateway?x=1", "https://cdn.discordapp.com/a.png"} {
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Authorization", "Bot tok")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if req.URL.String() != u {
			t.Errorf("caller's request changed to %s", req.URL)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	host := strings.TrimPrefix(srv.URL, "http://")
	want := []string{host + " /proxy/api/v9/gateway?x=1 Bot tok", host + " /proxy/a.png Bot tok"}
	if !slices.Equal(got, want) {
		t.Errorf("server saw %q, want %q", got, want)
	}
	for host, want := range map[string]bool{"discord.com": true, "gateway.discord.com": true, "DISCORDAPP.COM.": true, "notdiscord.com": false, "example.com": false} {
		if isDiscordHost(host) != want {
			t.Errorf("isDiscordHost(%q) = %v", host, !want)
		}
	}
}

func TestRedactor(t *testing.T) {
	t.Parallel()
	r := newRedactor("s3cr3t")
	in := `Post "https://discord.com/api/v9/interactions/123/aW50ZXJhY3Rpb24/callback": auth Bot s3cr3t; webhooks/9/tok-en_1.x/messages s3cr3t`
	got := r.String(in)
	for _, bad := range []string{"s3cr3t", "aW50ZXJhY3Rpb24", "tok-en_1.x"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q left in %q", bad, got)
		}
	}
	if !strings.Contains(got, "/interactions/123/[REDACTED]/callback") {
		t.Errorf("redacted = %q", got)
	}
	err := r.Error(fmt.Errorf("wrapped: %w", errors.New("Bot s3cr3t")))
	if strings.Contains(err.Error(), "s3cr3t") || errors.Unwrap(err) != nil {
		t.Errorf("redacted error = %v", err)
	}
}

func TestAPIErrorClassification(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err           APIError
		undeliverable bool
		transient     bool
	}{
		{APIError{Status: 403, Code: 50013}, true, false},
		{APIError{Status: 403, Code: 50001}, true, false},
		{APIError{Status: 403, Code: 50007}, true, false},
		{APIError{Status: 404, Code: 10003}, true, false},
		{APIError{Status: 404, Code: 10008}, false, false},
		{APIError{Status: 400, Code: 50035}, false, false},
		{APIError{Status: 401}, false, false},
		{APIError{Status: 500}, false, true},
		{APIError{Status: 503}, false, true},
	} {
		err := fmt.Errorf("op: %w", &tc.err)
		if errors.Is(err, bot.ErrUndeliverable) != tc.undeliverable || transient(err) != tc.transient {
			t.Errorf("%v: undeliverable %v transient %v", &tc.err, errors.Is(err, bot.ErrUndeliverable), transient(err))
		}
	}
	if !transient(errors.New("Exceeded Max retries HTTP 502 Bad Gateway, <html>")) || transient(errors.New("Exceeded Max retries HTTP 429")) {
		t.Error("discordgo's 502 error misclassified")
	}
}

func TestFailureKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{}}}, bot.SendRateLimited},
		{&APIError{Status: 500}, bot.SendServer},
		{&APIError{Status: 503}, bot.SendServer},
		{errors.New("Exceeded Max retries HTTP 502 Bad Gateway, <html>"), bot.SendServer},
		{&url.Error{Op: "Post", URL: "https://discord.com/api", Err: errors.New("connection reset by peer")}, bot.SendNetwork},
		{&APIError{Status: 403, Code: 50007}, bot.SendUndeliverable},
		{&APIError{Status: 404, Code: 10003}, bot.SendUndeliverable},
		{&APIError{Status: 400, Code: 50035}, bot.SendOther},
		{&APIError{Status: 404, Code: 10008}, bot.SendOther},
		{errors.New("discord: open dm: no channel in the answer"), bot.SendOther},
	} {
		if got := failureKind(fmt.Errorf("op: %w", tc.err)); got != tc.want {
			t.Errorf("failureKind(%v) = %s, want %s", tc.err, got, tc.want)
		}
	}
}

// validName follows Discord's rule for command and option names, the
// regular expression it replaced.
func TestValidName(t *testing.T) {
	rule := regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)
	for _, name := range []string{
		"next", "set-lang", "top_10", "复习", "日本語", "ελληνικά", "٣", "",
		"has space", "slash/", "emoji😀", strings.Repeat("a", 32), strings.Repeat("a", 33),
		strings.Repeat("字", 32), strings.Repeat("字", 33), "bad\xffutf8", "tab\t",
	} {
		if got, want := validName(name), rule.MatchString(name); got != want {
			t.Errorf("validName(%q) = %v, the rule says %v", name, got, want)
		}
	}
}
