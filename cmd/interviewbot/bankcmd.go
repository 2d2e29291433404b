package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/interviewbot/interviewbot/bank"
)

func bankCmd(e env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("bank: expected list, show or lint: %w", errUsage)
	}
	switch args[0] {
	case "list":
		return bankList(e, args[1:])
	case "show":
		return bankShow(e, args[1:])
	case "lint":
		return bankLint(e, args[1:])
	default:
		return fmt.Errorf("bank: unknown subcommand %q (expected list, show or lint): %w", args[0], errUsage)
	}
}

func bankList(e env, args []string) error {
	fs := newFlagSet("bank list")
	asJSON := fs.Bool("json", false, "print JSON")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	b, probs, err := loadBank(paths)
	if err != nil {
		return err
	}
	reportProblems(e.stderr, probs, false)
	if *asJSON {
		out := make([]jsonQuestion, 0, b.Len())
		for _, q := range b.Questions() {
			out = append(out, toJSONQuestion(q))
		}
		return writeJSON(e.stdout, out)
	}
	for _, q := range b.Questions() {
		topic := q.Topic
		if topic == "" {
			topic = "-"
		}
		points := fmt.Sprintf("%d key points", len(q.Answer.KeyPoints))
		if !q.HasReference() {
			points = "no reference answer"
		}
		fmt.Fprintf(e.stdout, "%s  %-12s  %s  (%s)\n", q.ID, topic, firstLine(q.Prompt, 60), points)
	}
	writeSummaries(e.stdout, bank.Summarize(b, probs))
	fmt.Fprintf(e.stdout, "%d questions\n", b.Len())
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
	fs := newFlagSet("bank show")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("bank show: missing question ID: %w", errUsage)
	}
	b, probs, err := loadBank(pos[1:])
	if err != nil {
		return err
	}
	reportProblems(e.stderr, probs, false)
	q, ok := b.Lookup(pos[0])
	if !ok {
		return unknownQuestion(b, pos[0])
	}
	writeQuestion(e.stdout, b, q)
	return nil
}

// unknownQuestion explains that no question has the given ID, suggesting
// prompts that match it as text.
func unknownQuestion(b *bank.Bank, id string) error {
	msg := fmt.Sprintf("no question with id %q (interviewbot bank list shows the IDs)", id)
	if ms := b.Match(id); len(ms) > 0 {
		msg += fmt.Sprintf("; did you mean %s (%s)?", ms[0].ID, firstLine(ms[0].Prompt, 40))
	}
	return fmt.Errorf("%s", msg)
}

func bankLint(e env, args []string) error {
	fs := newFlagSet("bank lint")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	b, probs, err := loadBank(paths)
	if err != nil {
		return err
	}
	reportProblems(e.stdout, probs, true)
	errs := 0
	for _, p := range probs {
		if p.Severity == bank.Error {
			errs++
		}
	}
	fmt.Fprintf(e.stderr, "%d questions, %d errors, %d warnings\n", b.Len(), errs, len(probs)-errs)
	if errs > 0 {
		return exitError{1}
	}
	return nil
}

// reportProblems prints problems as file:line: severity: message. Outside
// lint only errors are shown: warnings are for the person tidying notes.
func reportProblems(w io.Writer, probs bank.Problems, warnings bool) {
	for _, p := range probs {
		if p.Severity == bank.Error || warnings {
			fmt.Fprintln(w, p.String())
		}
	}
}

func writeQuestion(w io.Writer, b *bank.Bank, q *bank.Question) {
	fmt.Fprintf(w, "ID:       %s\n", q.ID)
	if len(q.AliasIDs) > 0 {
		fmt.Fprintf(w, "Also:     %s\n", strings.Join(q.AliasIDs, ", "))
	}
	fmt.Fprintf(w, "Topic:    %s\n", q.DisplayTopic("-"))
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
