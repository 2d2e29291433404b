package bank

import (
	"regexp"
	"slices"
	"testing"

	"github.com/interviewbot/interviewbot/seeds"
)

// TestEnumMarkersMatchTheRegexp checks the marker scan against the regexp
// it replaced, on the seed notes and on strings made to trip it.
func TestEnumMarkersMatchTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`(第[一二三四五六七八九十]+(?:点|个|条|方面)?|首先|其次|再次|最后|一方面|另一方面|[一二三四五六七八九]是|其[一二三四五])`)
	texts := []string{
		"第一，客户差异化。第二点是场景。第三方面，价值。第十二个", "一是快，二是稳；其一其二其六", "另一方面一方面首先其次再次最后",
		"第", "第x", "十是", "九是", "其", "统一是", "第一次", "最后的最后", "", "abc 第一 def",
	}
	for _, name := range []string{"000_2e3b037a8c145a27.txt", "001_e8baeed5985fc934.txt"} {
		data, err := seeds.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	for _, s := range texts {
		want := re.FindAllStringIndex(s, -1)
		if got := enumMarkers(s, len(s)+1); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Errorf("%.40q: markers %v, the regexp finds %v", s, got, want)
		}
	}
}
