package grade_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// dockerNotes are English notes where Docker and containers are in every
// answer, as in a Docker interview collection: the words weigh little
// there, yet a reply that names them speaks of the question.
const dockerNotes = `# Docker

## What is the difference between Docker and a Virtual Machine (VM)?

| Feature | Docker | Virtual Machine |
|---|---|---|
| Isolation | Uses containers to isolate apps | Uses hypervisor to run separate OS instances |
| Performance | Faster, lightweight | Slower, resource-intensive |
| Startup Time | Milliseconds | Minutes |

## What is a Docker image?

A Docker image is a read-only template of layers from which Docker containers are created.

## What is a Docker volume?

Docker volumes keep the data of containers outside their writable layer, managed by Docker.

## How does Docker networking work?

Docker gives containers a bridge network by default; containers on one network reach each other by name.

## What is Docker Compose?

Compose runs multi-container Docker applications from one YAML file that describes the containers.
`

// TestOffTopicOnlyForAnotherQuestion is the new user's fourth report, item
// 1: a correct partial answer that names the question's subject was told
// it answered another question, and so was a vague "看情况吧".
func TestOffTopicOnlyForAnotherQuestion(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"docker.md": {Data: []byte(dockerNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := lookupPrompt(t, b, "Virtual Machine")
	if res := g.Grade(q, "docker is containers, they share the host kernel"); res.OffTopic {
		t.Errorf("a reply about Docker is taken for another question's answer: %+v", res)
	}
	res := g.Grade(q, "Kubernetes schedules pods onto nodes through the kube-scheduler and etcd.")
	if !res.OffTopic || res.Vague {
		t.Errorf("an answer to another question is no longer flagged: %+v", res)
	}

	gs, bs := testGrader(t)
	cq := lookup(t, bs, "consistency")
	for _, reply := range []string{"看情况吧，应该问题不大。", "看情况吧", "it depends"} {
		res := gs.Grade(cq, reply)
		if res.OffTopic || !res.Vague {
			t.Errorf("%q: OffTopic=%v Vague=%v, want a vague reply, not another question's answer", reply, res.OffTopic, res.Vague)
		}
	}
	if res := gs.Grade(cq, "Kubernetes 调度器的工作原理"); !res.OffTopic || res.Vague {
		t.Errorf("another question's topic: OffTopic=%v Vague=%v", res.OffTopic, res.Vague)
	}
}

// lookupPrompt finds the question whose prompt contains s.
func lookupPrompt(t testing.TB, b *bank.Bank, s string) *bank.Question {
	t.Helper()
	for _, q := range b.Questions() {
		if strings.Contains(q.Prompt, s) {
			return q
		}
	}
	t.Fatalf("no question asks %q", s)
	return nil
}
