package bank

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
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

// The new-user test: the isolation levels' points lacked 提交读, held in
// 未提交读 of the item before; each bold item name is its own point, with
// its own line as its sentence.
func TestBoldItemNamesHeldInOthersStay(t *testing.T) {
	md := "### 数据库的四种隔离级别？\n\n" +
		"- **未提交读**（Read Uncommited）：在一个事务提交之前，它的执行结果对其它事务也是可见的。会导致脏读、不可重复读、幻读；\n" +
		"- **提交读**（Read Commited）：一个事务只能看见已经提交的事务所作的改变。可避免脏读问题；\n" +
		"- **可重复读**（Repeatable Read）：可以确保同一个事务在多次读取同样的数据时得到相同的结果。\n" +
		"- **可串行化**（Serializable）：强制事务串行执行，使之不可能相互冲突。\n"
	got := pointsOf(t, md)
	for _, want := range []string{"未提交读", "提交读", "可重复读", "可串行化"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
	b, _ := Load(Input{FS: fstest.MapFS{"notes.md": {Data: []byte(md)}}})
	for _, kp := range b.Questions()[0].Answer.KeyPoints {
		if !strings.Contains(kp.Sentence, kp.Text+"（") {
			t.Errorf("%s: sentence %q is not its own item", kp.Text, kp.Sentence)
		}
	}
}
