package option_test

import (
	"testing"

	"github.com/interviewbot/interviewbot/bot/internal/option"
)

type settings struct{ trail string }

type setting func(*settings)

func TestApply(t *testing.T) {
	add := func(s string) setting { return func(o *settings) { o.trail += s } }
	o := option.Build(settings{trail: ">"}, []setting{add("a"), nil, add("b")})
	if o.trail != ">ab" {
		t.Errorf("applied %q, want \">ab\": the defaults, then the options in order with nil skipped", o.trail)
	}
}
