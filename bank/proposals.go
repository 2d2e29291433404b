package bank

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// reProposal is a solution the speaker put forward: 提出了一个分阶段的过渡方案,
// 提供了一个分阶段迁移的替代方案. In a story of a problem solved (a STAR
// answer) the solution is what an interviewer checks.
var reProposal = regexp.MustCompile(`(?:提出|给出|提供|拿出|制定)了?(?:一个|一套|一种|个)?((?:\p{Han}{1,8}的)?\p{Han}{0,6}(?:方案|办法|策略))`)

// proposedSolutions returns the solutions a chunk says were put forward,
// as named phrases: they weigh as a term the author glossed does. A bare
// 方案 names nothing and is none.
func proposedSolutions(chunk string) []phrase {
	if !strings.Contains(chunk, "方案") && !strings.Contains(chunk, "办法") && !strings.Contains(chunk, "策略") {
		return nil
	}
	var out []phrase
	for _, m := range reProposal.FindAllStringSubmatch(chunk, -1) {
		text := m[1]
		n := utf8.RuneCountInString(text)
		if n < 4 || n > maxPointRunes || strings.HasPrefix(text, "的") {
			continue
		}
		out = append(out, phrase{text: text, named: true})
	}
	return out
}
