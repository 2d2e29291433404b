package bank

import (
	"slices"
	"testing"
)

// gitPullNotes is the devops notes' git pull vs fetch (details/summary
// shape), whose gist is a formula.
const gitPullNotes = "<details>\n<summary>What is the difference between <code>git pull</code> and <code>git fetch</code>?</summary><br><b>\n\n" +
	"Shortly, git pull = git fetch + git merge\n\n" +
	"When you run git pull, it gets all the changes from the remote or central\n" +
	"repository and attaches it to your corresponding branch in your local repository.\n\n" +
	"git fetch gets all the changes from the remote repository, stores the changes in\n" +
	"a separate branch in your local repository\n" +
	"</b></details>\n\n" +
	"<details>\n<summary>How to check if a file is tracked?</summary><br><b>\n\n`git ls-files --error-unmatch FILE`\n</b></details>\n"

// The new-user test: `fetch downloads, pull = fetch + merge` scored 0%
// on git pull vs fetch, whose points were local repository and remote
// repository. A formula of names (git pull = git fetch + git merge) says
// the answer in one line: it is a point.
func TestFormulaIsAPoint(t *testing.T) {
	got := pointsOf(t, gitPullNotes)
	if !slices.Contains(got, "git pull = git fetch + git merge") {
		t.Errorf("key points %q lack the formula", got)
	}
}
