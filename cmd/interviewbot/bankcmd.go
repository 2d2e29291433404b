package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/engine"
)

func bankCmd(e env, args []string) error {
	if len(args) == 0 {
		return usageError{cmd: "bank", msg: "name a subcommand: list, show or lint"}
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		return helpRequest{bankUsage}
	case "list":
		return bankList(e, args[1:])
	case "show":
		return bankShow(e, args[1:])
	case "lint":
		return bankLint(e, args[1:])
	default:
		return usageError{cmd: "bank", msg: fmt.Sprintf("unknown subcommand %q (expected list, show or lint)", args[0])}
	}
}

const bankUsage = `Usage:
  interviewbot bank list [--json] [PATH...]   list the questions (the embedded seeds without PATH)
  interviewbot bank show ID [PATH...]         show one question (ID or an unambiguous prefix)
  interviewbot bank lint [-v] [PATH...]       report problems in notes files as file:line

PATH is a notes file or a directory of .md, .txt and .yaml files.
Run 'interviewbot bank SUBCOMMAND --help' for its flags.
`

func bankList(e env, args []string) error {
	fs := newCommand("bank list", "[--json] [PATH...]", "List the questions the notes give (the embedded seeds without PATH).")
	asJSON := fs.Bool("json", false, "print JSON")
	paths, err := fs.parse(args)
	if err != nil {
		return err
	}
	b, probs, err := loadBank(paths)
	if err != nil {
		return err
	}
	reportProblems(e.stderr, probs, bank.Error)
	if *asJSON {
		out := make([]jsonQuestion, 0, b.Len())
		for _, q := range b.Questions() {
			out = append(out, toJSONQuestion(q))
		}
		return writeJSON(e.stdout, out)
	}
	for _, q := range b.Questions() {
		topic := q.DisplayTopic(engine.UnsortedTopicName("zh"))
		points := plural(len(q.Answer.KeyPoints), "key point")
		if !q.HasReference() {
			points = "no reference answer"
		}
		fmt.Fprintf(e.stdout, "%s  %-12s  %s  (%s)\n", q.ID, topic, firstLine(q.Prompt, 60), points)
	}
	writeSummaries(e.stdout, bank.Summarize(b, probs))
	fmt.Fprintln(e.stdout, plural(b.Len(), "question"))
	return nil
}

// writeSummaries prints one line per file read: how many questions the
// bank found in it, how many have a reference answer, and its problems.
func writeSummaries(w io.Writer, sums []bank.FileSummary) {
	if len(sums) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, s := range sums {
		line := fmt.Sprintf("%s: %s, %d answered, %s", s.File, plural(s.Questions, "question"), s.Answered, plural(s.Warnings, "warning"))
		if s.Errors > 0 {
			line += ", " + plural(s.Errors, "error")
		}
		if s.Warnings+s.Errors > 0 {
			line += " (bank lint shows them)"
		}
		fmt.Fprintln(w, line)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func bankShow(e env, args []string) error {
	fs := newCommand("bank show", "ID [PATH...]", "Show one question: its key points, outline, answers and sources. ID may be an unambiguous prefix.")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fs.usageError("missing question ID (interviewbot bank list shows the IDs)")
	}
	b, probs, err := loadBank(pos[1:])
	if err != nil {
		return err
	}
	reportProblems(e.stderr, probs, bank.Error)
	q, err := lookupQuestion(b, pos[0], "give more of the ID")
	if err != nil {
		return err
	}
	writeQuestion(e.stdout, b, q)
	return nil
}

func bankLint(e env, args []string) error {
	fs := newCommand("bank lint", "[-v] [PATH...]", "Report problems in notes files as file:line: severity: message; exit 1 on errors.\n"+
		"Notices (what the bank chose that you may prefer to choose, such as key points taken from\nan answer's words) are counted, and shown with -v.")
	var verbose bool
	fs.BoolVar(&verbose, "v", false, "also show the notices")
	fs.BoolVar(&verbose, "verbose", false, "the same as -v")
	paths, err := fs.parse(args)
	if err != nil {
		return err
	}
	b, probs, err := loadBank(paths)
	if err != nil {
		return err
	}
	least := bank.Warning
	if verbose {
		least = bank.Info
	}
	reportProblems(e.stdout, probs, least)
	count := map[bank.Severity]int{}
	for _, p := range probs {
		count[p.Severity]++
	}
	line := fmt.Sprintf("%s, %s, %s", plural(b.Len(), "question"), plural(count[bank.Error], "error"), plural(count[bank.Warning], "warning"))
	if n := count[bank.Info]; n > 0 {
		line += ", " + plural(n, "notice")
		if !verbose {
			line += " (bank lint -v shows them)"
		}
	}
	fmt.Fprintln(e.stderr, line)
	if count[bank.Error] > 0 {
		return exitError{1}
	}
	return nil
}

// reportProblems prints the problems of severity least and above as
// file:line: severity: message. Outside lint only errors are shown:
// warnings are for the person tidying notes, notices for one who asks.
func reportProblems(w io.Writer, probs bank.Problems, least bank.Severity) {
	for _, p := range probs {
		if rank(p.Severity) >= rank(least) {
			fmt.Fprintln(w, p.String())
		}
	}
}

// rank orders severities: a notice, a warning, an error.
func rank(s bank.Severity) int {
	switch s {
	case bank.Info:
		return 0
	case bank.Warning:
		return 1
	}
	return 2
}

func writeQuestion(w io.Writer, b *bank.Bank, q *bank.Question) {
	fmt.Fprintf(w, "ID:       %s\n", q.ID)
	if len(q.AliasIDs) > 0 {
		fmt.Fprintf(w, "Also:     %s\n", strings.Join(q.AliasIDs, ", "))
	}
	fmt.Fprintf(w, "Topic:    %s\n", q.DisplayTopic(engine.UnsortedTopicName("zh")))
	fmt.Fprintf(w, "Prompt:   %s\n", indentRest(q.Prompt, "          "))
	for _, p := range q.AltPrompts {
		fmt.Fprintf(w, "Also as:  %s\n", firstLine(p, 100))
	}
	if q.Note != "" {
		fmt.Fprintf(w, "Note:     %s\n", q.Note)
	}
	if q.Parent != "" {
		if p, ok := b.Lookup(q.Parent); ok {
			fmt.Fprintf(w, "Follows:  %s %s\n", p.ID, firstLine(p.Prompt, 60))
		}
	}
	srcs := make([]string, len(q.Sources))
	for i, s := range q.Sources {
		srcs[i] = s.String()
	}
	fmt.Fprintf(w, "Sources:  %s\n", strings.Join(srcs, ", "))
	if !q.HasReference() {
		fmt.Fprintln(w, "\nNo reference answer in the notes: the bot asks it and you rate your own reply.")
		if q.Answer.Outline != "" {
			fmt.Fprintf(w, "  Outline: %s\n", indentRest(q.Answer.Outline, "           "))
		}
	}
	for i, a := range q.Answers() {
		if !q.HasReference() {
			break
		}
		title := "Answer"
		if i > 0 {
			title = fmt.Sprintf("Variant %d", i+1)
		}
		if a.Label != "" {
			title += " — " + a.Label
		}
		fmt.Fprintf(w, "\n%s (%s)\n", title, a.Source)
		if a.Outline != "" {
			fmt.Fprintf(w, "  Outline: %s\n", indentRest(a.Outline, "           "))
		}
		fmt.Fprintln(w, "  Key points:")
		for j, kp := range a.KeyPoints {
			alias := ""
			if len(kp.Aliases) > 0 {
				alias = " (also: " + strings.Join(kp.Aliases, ", ") + ")"
			}
			fmt.Fprintf(w, "    %d. %s%s [%s]\n", j+1, kp.Text, alias, kp.Origin)
		}
		fmt.Fprintf(w, "  %s\n", indentRest(a.Text, "  "))
		if a.Spoken != "" {
			fmt.Fprintf(w, "  Spoken version:\n  %s\n", indentRest(a.Spoken, "  "))
		}
	}
	for _, id := range q.FollowUps {
		if f, ok := b.Lookup(id); ok {
			fmt.Fprintf(w, "\nFollow-up: %s %s\n", f.ID, firstLine(f.Prompt, 80))
		}
	}
}

func indentRest(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// firstLine returns the first line of s, cut to n characters.
func firstLine(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
