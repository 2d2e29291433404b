package bank

import (
	"slices"
	"strings"
	"testing"
)

// The new-user test: the js notes' bold marks gave the points `start /
// end / Note` (slice) and `Special cases / same object / not` (== and
// ===). A bold label of the notes' own (Note:, Special cases:) and a bold
// everyday or function word in running prose (does **not** mutate) are
// no points. A bold word that opens a list item names it (`- **start**:`
// names a parameter, `- **push**` a method) and stays.
func TestEnglishBoldFillerIsNoPoint(t *testing.T) {
	md := "### What is the purpose of the array slice method\n\n" +
		"The `slice()` method in JavaScript is used to extract a section of an array, returning a new array containing the selected elements. It does not modify the original array. The method takes two arguments:\n\n" +
		"- **start**: The index at which extraction begins (inclusive).\n" +
		"- **end** (optional): The index before which to end extraction (exclusive). If omitted, extraction continues to the end of the array.\n\n" +
		"You can also use negative indices, which count from the end of the array.\n\n" +
		"**Note:**\nThe `slice()` method does **not** mutate (change) the original array; instead, it returns a new array containing the extracted elements.\n"
	md2 := "### What is the difference between == and === operators\n\n" +
		"- Two strings are strictly equal if they have exactly the same sequence of characters and length.\n" +
		"- **Special cases**:\n  - `NaN === NaN` is `false`\n\n" +
		"- Two objects are strictly equal if they refer to the **same object** in memory.\n" +
		"- `null` and `undefined` are **not** strictly equal.\n"
	got := append(pointsOf(t, md), pointsOf(t, md2)...)
	for _, bad := range []string{"Note", "not", "Special cases"} {
		if slices.Contains(got, bad) {
			t.Errorf("key points %q hold the filler %q", got, bad)
		}
	}
	for _, want := range []string{"start", "same object"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
	for _, g := range got {
		if strings.Contains(g, "**") {
			t.Errorf("key point %q keeps bold marks", g)
		}
	}
}
