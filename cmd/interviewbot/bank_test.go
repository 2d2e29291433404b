package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command in process and returns its exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBankListJSON(t *testing.T) {
	code, out, stderr := runCmd(t, "", "bank", "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var qs []map[string]any
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 26 || len(qs) > 30 {
		t.Errorf("%d questions", len(qs))
	}
	for _, field := range []string{"id", "topic", "prompt", "answer", "key_points", "outline", "variants", "sources"} {
		if _, ok := qs[0][field]; !ok {
			t.Errorf("field %q missing", field)
		}
	}
	kp := qs[0]["key_points"].([]any)[0].(map[string]any)
	if _, ok := kp["aliases"].([]any); !ok || kp["text"] == "" {
		t.Errorf("key point shape: %v", kp)
	}
	src := qs[0]["sources"].([]any)[0].(string)
	if !strings.HasPrefix(src, "seeds/") || !strings.Contains(src, ".txt:") {
		t.Errorf("source %q is not file:line", src)
	}
}

func TestBankPathsAndLint(t *testing.T) {
	dir := t.TempDir()
	notes := "## 数据库\n\n1. 什么是 MVCC？\n\n    回答：\n    **多版本并发控制**，读不阻塞写，靠**undo 日志**和**事务快照**。\n"
	if err := os.WriteFile(filepath.Join(dir, "db.md"), []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, "", "bank", "list", dir)
	if code != 0 || !strings.Contains(out, "什么是 MVCC？") || !strings.HasSuffix(out, "\n1 question\n") {
		t.Errorf("list of a directory: exit %d\n%s", code, out)
	}
	if code, _, _ := runCmd(t, "", "bank", "lint", dir); code != 0 {
		t.Errorf("lint of clean notes: exit %d", code)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.md"), []byte("1. 坏？\n\n    回答：\n    \xff\xfe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd(t, "", "bank", "lint", dir)
	if code != 1 || !strings.Contains(out, filepath.Join(dir, "bad.md")+":4: error: invalid UTF-8") {
		t.Errorf("lint should report bad.md:4 and exit 1: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCmd(t, "", "bank", "list", filepath.Join(dir, "missing.md")); code != 1 || !strings.Contains(stderr, "missing.md") {
		t.Errorf("missing path: exit %d, %s", code, stderr)
	}
}

// TestBankLintSeeds checks that the app's own example notes lint clean:
// their key points taken from the answers' words are notices, counted and
// shown with -v, and counts are singular or plural as they should be.
func TestBankLintSeeds(t *testing.T) {
	code, out, stderr := runCmd(t, "", "bank", "lint")
	if code != 0 || strings.Contains(out, "warning") || strings.Contains(out, "info:") {
		t.Errorf("bank lint on the seeds: exit %d\n%s", code, out)
	}
	if !strings.Contains(stderr, " 0 errors, 0 warnings, ") || !strings.Contains(stderr, " notices (bank lint -v shows them)") {
		t.Errorf("summary = %q", stderr)
	}
	code, out, stderr = runCmd(t, "", "bank", "lint", "-v")
	if code != 0 || !strings.Contains(out, ": info: the key points of") || strings.Contains(stderr, "-v shows") {
		t.Errorf("bank lint -v: exit %d\n%s\n%s", code, out, stderr)
	}

	dir := t.TempDir()
	notes := "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n## 杂记\n\n这段话不属于任何问题。\n"
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, stderr := runCmd(t, "", "bank", "lint", dir); stderr != "1 question, 0 errors, 1 warning\n" {
		t.Errorf("summary = %q, want %q", stderr, "1 question, 0 errors, 1 warning\n")
	}
}

func TestBankShowAmbiguousPrefix(t *testing.T) {
	_, out, _ := runCmd(t, "", "bank", "list", "--json")
	var qs []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	seen := map[byte]bool{}
	prefix := ""
	for _, q := range qs {
		if seen[q.ID[0]] {
			prefix = q.ID[:1]
			break
		}
		seen[q.ID[0]] = true
	}
	code, _, stderr := runCmd(t, "", "bank", "show", prefix)
	if code != 1 || !strings.Contains(stderr, "give more of the ID:") || strings.Contains(stderr, "--id") {
		t.Errorf("bank show %s: exit %d, %s (bank show takes the ID as an argument, not --id)", prefix, code, stderr)
	}
}

func TestBankShow(t *testing.T) {
	_, out, _ := runCmd(t, "", "bank", "list", "--json")
	var qs []struct {
		ID     string `json:"id"`
		Prompt string `json:"prompt"`
	}
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	code, show, _ := runCmd(t, "", "bank", "show", qs[0].ID)
	if code != 0 || !strings.Contains(show, qs[0].Prompt) || !strings.Contains(show, "Key points:") {
		t.Errorf("show: exit %d\n%s", code, show)
	}
	code, _, stderr := runCmd(t, "", "bank", "show", "nope")
	if code != 1 || !strings.Contains(stderr, `no question with id "nope"`) {
		t.Errorf("unknown id: exit %d, %s", code, stderr)
	}
}

// TestBankListSummarizesEachFile runs bank list on every corpus source and
// checks that each file gets a summary line whose counts are the ones a
// careful reader found (bank/testdata/corpus/manifest.json).
func TestBankListSummarizesEachFile(t *testing.T) {
	corpus := filepath.Join("..", "..", "bank", "testdata", "corpus")
	data, err := os.ReadFile(filepath.Join(corpus, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Sources []struct {
			Name  string `json:"name"`
			Files []struct {
				File      string `json:"file"`
				Questions int    `json:"questions"`
				Answered  int    `json:"answered"`
			} `json:"files"`
		} `json:"sources"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, src := range m.Sources {
		dir := filepath.Join(corpus, src.Name)
		code, out, stderr := runCmd(t, "", "bank", "list", dir)
		if code != 0 {
			t.Errorf("bank list %s: exit %d: %s", src.Name, code, stderr)
			continue
		}
		for _, f := range src.Files {
			noun := "questions"
			if f.Questions == 1 {
				noun = "question"
			}
			want := fmt.Sprintf("%s: %d %s, %d answered, ", filepath.Join(dir, f.File), f.Questions, noun, f.Answered)
			if !strings.Contains(out, want) {
				t.Errorf("bank list %s lacks the line %q:\n%s", src.Name, want, lastLines(out, 12))
			}
		}
	}
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}
