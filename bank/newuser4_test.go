package bank

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The fourth new-user test read public English notes in the shape of the
// Devinterview READMEs: a bold label heads a list (`- **Advantages**:`,
// `**Isolation Caveats**:`) or a comparison table's header and lone cells
// (`Performance`, `Faster`, `Milliseconds`) became key points. A label
// that heads a list, a generic label, a header cell and a lone
// comparative or unit cell are no points; a labelled definition
// (`**Broker**: the server that …`) and a row's first cell are. The notes
// below are ours, written in the same shape.
func TestEnglishLabelsAreNoPoints(t *testing.T) {
	md := "## 1. What is a message queue, and how does it differ from a direct call?\n\n" +
		"A **message queue** lets services exchange **asynchronous messages** through a broker.\n\n" +
		"### Key Parts\n\n" +
		"- **Broker**: The server that stores messages until a consumer reads them.\n" +
		"- **Producer**: The service that publishes messages.\n\n" +
		"### Direct Calls\n\n" +
		"- **Advantages**:\n" +
		"  - **Simplicity**: One request, one response, easy to trace.\n" +
		"- **Inefficiencies**:\n" +
		"  - **Tight Coupling**: The caller waits for the callee and fails with it.\n\n" +
		"### Queues\n\n" +
		"**Isolation Caveats**:\n\n" +
		"- **Ordering Guarantees**: Messages of one partition keep their order; across partitions they do not.\n\n" +
		"- **Use Case**: Work that can finish later, such as sending e-mail.\n"
	got := pointsOf(t, md)
	for _, bad := range []string{"Advantages", "Inefficiencies", "Isolation Caveats", "Use Case"} {
		if slices.Contains(got, bad) {
			t.Errorf("key points %q hold the label %q", got, bad)
		}
	}
	for _, want := range []string{"Broker", "Tight Coupling", "Ordering Guarantees", "asynchronous messages"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
}

func TestEnglishTableCellsAreNoPoints(t *testing.T) {
	md := "### What is the difference between a process and a thread?\n\n" +
		"| Feature | Process | Thread |\n" +
		"|---------|---------|--------|\n" +
		"| **Memory** | Own **address space** | Shares the **address space** of its process |\n" +
		"| **Performance** | **Slower, heavyweight** | **Faster, lightweight** |\n" +
		"| **Switch Time** | **Microseconds** | **Nanoseconds** |\n" +
		"| **Shared?** | No | Yes |\n" +
		"| **Use Case** | Ideal for **fault isolation** | Best for **parallel work** |\n\n" +
		"### What is the difference between CMD and ENTRYPOINT?\n\n" +
		"| **Feature** | **CMD** | **ENTRYPOINT** |\n" +
		"|---|---|---|\n" +
		"| **Purpose** | Default command | Fixed executable |\n"
	got := pointsOf(t, md)
	for _, bad := range []string{"Feature", "Performance", "Slower", "Faster", "Microseconds", "Nanoseconds", "Use Case", "Shared"} {
		if slices.Contains(got, bad) {
			t.Errorf("key points %q hold the table cell %q", got, bad)
		}
	}
	for _, want := range []string{"Memory", "address space", "Switch Time", "fault isolation"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
}

// microservices.md:544 of the new user's notes: twenty labelled items and
// their bold details; the cap kept `load`, `atomicity` and the label-like
// `best practices` and dropped Circuit Breaker Pattern, Bulkhead Pattern
// and Graceful Degradation. An item's name ranks over a bold word inside
// its definition, a generic word last.
func TestEnglishCapKeepsItemNames(t *testing.T) {
	items := []string{
		"- **Circuit Breaker Pattern**: Trip a breaker that isolates the failing dependency so errors stop spreading.",
		"- **Bulkhead Pattern**: Give each dependency its own pool of threads and connections.",
		"- **Retry Strategy**: Add a **retry mechanism** with a **maximum limit** and **backoff policies**.",
		"- **Failsafe Services**: Keep **backup systems** for the essential functions.",
		"- **Resource Reallocation**: Scale out on **load** and **performance metrics**.",
		"- **Eventual Consistency**: Accept **eventual consistency** between services.",
		"- **Transaction Management**: A two-phase commit keeps **atomicity** across services.",
		"- **Data Redundancy**: Duplicate the data a service cannot lose.",
		"- **Caching**: Cache replies to ride out an outage of the source.",
		"- **Data Sharding**: Partition data so one server outage loses one shard.",
		"- **Versioning**: Keep old **API versioning** alive.",
		"- **Message Queues**: Buffer traffic spikes between services.",
		"- **Health Checks**: Probe every instance and take the sick ones out.",
		"- **Self-Healing Components**: Restart and recover without an operator.",
		"- **Graceful Degradation**: Serve a reduced experience instead of an error.",
		"- **Continuous Monitoring**: Alert on deviations in real time.",
	}
	md := "## 10. How do you handle failure in a microservice?\n\n" +
		"Several **best practices** and **resilience mechanisms** limit a failure.\n\n" +
		strings.Join(items, "\n\n") + "\n"
	got := pointsOf(t, md)
	for _, want := range []string{"Circuit Breaker Pattern", "Bulkhead Pattern", "Graceful Degradation"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
	for _, detail := range []string{"load", "atomicity", "best practices"} {
		if slices.Contains(got, detail) {
			t.Errorf("key points %q keep the detail %q while item names drop", got, detail)
		}
	}
}

// golang.md:576: `**Pointers**` and `**Pointer**`, `**Interfaces**` and
// `**Interface**` were two points each.
func TestEnglishPluralsFold(t *testing.T) {
	md := "## What is the zero value of a variable in Go?\n\n" +
		"- **Pointers**: Their zero value is `nil`.\n" +
		"- **Interfaces**: Their zero value is `nil`.\n" +
		"- **Strings**: The empty string.\n\n" +
		"### Code\n\n" +
		"1. **Pointer**: `var p *int` is nil.\n" +
		"2. **Interface**: `var e error` is nil.\n" +
		"3. **Bool**: `false`.\n"
	got := pointsOf(t, md)
	for _, dup := range []string{"Pointer", "Interface"} {
		if slices.Contains(got, dup) && slices.Contains(got, dup+"s") {
			t.Errorf("key points %q hold both %q and %q", got, dup, dup+"s")
		}
	}
	if !slices.Contains(got, "Bool") {
		t.Errorf("key points %q lack Bool", got)
	}
}

// microservices.md:430 gave `Domain-Driven Design（DDD）`: an English
// point keeps ASCII parentheses.
func TestEnglishPointKeepsASCIIParentheses(t *testing.T) {
	md := "## How do you draw service boundaries?\n\n" +
		"Use **Domain-Driven Design (DDD)** to find **bounded contexts**, and keep **transactional integrity** inside one service.\n"
	b, _ := Load(Input{FS: fstest.MapFS{"notes.md": {Data: []byte(md)}}})
	for _, kp := range b.Questions()[0].Answers()[0].KeyPoints {
		for _, s := range append([]string{kp.Text}, kp.Aliases...) {
			if strings.ContainsAny(s, "（）") {
				t.Errorf("English key point %q (aliases %q) has full-width brackets", kp.Text, kp.Aliases)
			}
		}
	}
}

// golang.md:14: the lead says who created Go in bold (**Rob Pike**, **Ken
// Thompson**) before fourteen labelled items; the lead's names rank with
// the items' names, and a plural of the prompt's word (**Languages** for
// "language") repeats the question.
func TestEnglishCapKeepsLeadNames(t *testing.T) {
	var items []string
	for _, n := range []string{"Simplicity", "Efficiency", "Safety", "Concurrent Programming", "Systems Programming",
		"Open Source", "Static Typing", "Memory Management", "Fast Compilation", "Portability", "Unicode Support",
		"Networking Support", "Tooling", "Cross Compilation"} {
		items = append(items, "- **"+n+"**: Go was designed with "+strings.ToLower(n)+" in mind.")
	}
	md := "## What is Go and why was the language created?\n\n" +
		"**Go** is a programming language made at Google by **Rob Pike** and **Ken Thompson**, among other **Languages** of its time.\n\n" +
		"### Key Objectives\n\n" + strings.Join(items, "\n") + "\n"
	got := pointsOf(t, md)
	for _, want := range []string{"Rob Pike", "Ken Thompson", "Simplicity"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
	if slices.Contains(got, "Languages") {
		t.Errorf("key points %q hold the prompt's word %q", got, "Languages")
	}
}

// harshhaa's ci-cd notes define a term in plain words and then show it:
// the term fallback gave rollback the point `Kubernetes` (from "Example:
// Rolling back … on Kubernetes") and blue-green `AWS load balancer` (from
// ", for example with …"). The defining sentence's phrases come first,
// even without a rare word; an example's only when nothing else gives one.
func TestEnglishFallbackPrefersDefinition(t *testing.T) {
	md := "# CI/CD\n\n" +
		"### What is a rollback in CI/CD?\n\n" +
		"A rollback restores the previous stable release when a new deployment fails.\n\n" +
		"- Example: Rolling back an application on Kubernetes:\n\n" +
		"  ```sh\n  kubectl rollout undo deployment my-app\n  ```\n\n" +
		"### What is blue-green deployment?\n\n" +
		"Two identical environments run side by side; traffic moves from blue to green in one switch, for example with an AWS load balancer.\n\n" +
		"### What is a canary deployment?\n\n" +
		"A canary deployment releases a new version to a **subset of users** first.\n"
	b, _ := Load(Input{FS: fstest.MapFS{"notes.md": {Data: []byte(md)}}})
	bad := map[string]string{"What is a rollback in CI/CD?": "Kubernetes", "What is blue-green deployment?": "AWS load balancer"}
	for _, q := range b.Questions() {
		example, ok := bad[q.Prompt]
		if !ok {
			continue
		}
		var got []string
		for _, kp := range q.Answers()[0].KeyPoints {
			got = append(got, kp.Text)
		}
		if len(got) == 0 || slices.Contains(got, example) {
			t.Errorf("%s: key points %q: want the definition's, not the example's %q", q.Prompt, got, example)
		}
	}
}

// golang.md:576: `variables **automatically** initialize` stresses how;
// a bold adverb in running prose is no point.
func TestEnglishBoldAdverbIsNoPoint(t *testing.T) {
	md := "## What is the zero value of a variable in Go?\n\n" +
		"In Go, variables **automatically** initialize to their **zero values** if not explicitly set.\n\n" +
		"- **Pointers**: Their zero value is `nil`.\n"
	got := pointsOf(t, md)
	if slices.Contains(got, "automatically") {
		t.Errorf("key points %q hold the adverb %q", got, "automatically")
	}
	if !slices.Contains(got, "Pointers") {
		t.Errorf("key points %q lack Pointers", got)
	}
}

// harshhaa's ci-cd notes, after the labels went: the top-up took a word
// of a label ("Practices" of "Best Practices:", "Example" of
// "- **Example:**" over code), and **containers** was taken for the
// prompt's "containerized". A label's word is no point; a point repeats
// the prompt only when each of its words is one of the prompt's.
func TestEnglishTopUpSkipsLabelWords(t *testing.T) {
	md := "### What is containerized CI/CD?\n\n" +
		"Running CI/CD jobs inside **containers** ensures **consistency and isolation**.\n\n" +
		"- **Tools:** Docker, Kubernetes, GitHub Actions.\n" +
		"- **Example:**\n\n" +
		"  ```yaml\n  jobs:\n    build:\n      container: node:16\n  ```\n\n" +
		"### What is artifact versioning in CI/CD?\n\n" +
		"Versioning assigns **unique identifiers** to builds for tracking.\n\n" +
		"Best Practices:\n\n" +
		"- Use **Semantic Versioning** (1.2.3) for clarity.\n" +
		"- Keep old builds.\n"
	b, _ := Load(Input{FS: fstest.MapFS{"notes.md": {Data: []byte(md)}}})
	var got []string
	for _, q := range b.Questions() {
		for _, kp := range q.Answers()[0].KeyPoints {
			got = append(got, kp.Text)
		}
	}
	for _, bad := range []string{"Example", "Practices", "Best Practices"} {
		if slices.Contains(got, bad) {
			t.Errorf("key points %q hold the label word %q", got, bad)
		}
	}
	for _, want := range []string{"containers", "unique identifiers"} {
		if !slices.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
}
