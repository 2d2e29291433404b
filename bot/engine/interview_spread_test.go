package engine_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// fiveTopicNotes have five topics of two questions each.
const fiveTopicNotes = `questions:
  - {id: k1, topic: Kafka, prompt: "What is a consumer group?", answer: "Consumers that share a topic's partitions.", key_points: [partitions]}
  - {id: k2, topic: Kafka, prompt: "How does Kafka keep order?", answer: "Order holds within one partition.", key_points: [partition]}
  - {id: r1, topic: Redis, prompt: "What is RDB?", answer: "A snapshot of the data set.", key_points: [snapshot]}
  - {id: r2, topic: Redis, prompt: "What is AOF?", answer: "A log of every write.", key_points: [log]}
  - {id: g1, topic: Git, prompt: "What does git rebase do?", answer: "Moves commits onto another base.", key_points: [base]}
  - {id: g2, topic: Git, prompt: "What does git fetch do?", answer: "Downloads objects and refs.", key_points: [refs]}
  - {id: l1, topic: Linux, prompt: "What is an inode?", answer: "The record of a file's metadata.", key_points: [metadata]}
  - {id: l2, topic: Linux, prompt: "What does chmod 755 do?", answer: "rwx for the owner, rx for others.", key_points: [owner]}
  - {id: n1, topic: Network, prompt: "What is DNS?", answer: "It resolves names to addresses.", key_points: [addresses]}
  - {id: n2, topic: Network, prompt: "What is TLS?", answer: "Encryption for a connection.", key_points: [encryption]}
`

// TestInterviewSpreadsOverTopics: /interview 3 over five topics asked two
// questions of the first topic (round 3); it takes three topics now.
func TestInterviewSpreadsOverTopics(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(fiveTopicNotes)}}})
	if probs.HasErrors() || b.Len() != 10 {
		t.Fatalf("%d questions, problems %v", b.Len(), probs)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b; c.Lang = "en" })
	rs := h.cmd("interview", "3")
	topics := map[string]bool{}
	for {
		plain := text(rs)
		for _, topic := range []string{"Kafka", "Redis", "Git", "Linux", "Network"} {
			if strings.Contains(plain, "· "+topic) {
				topics[topic] = true
			}
		}
		if strings.Contains(plain, "3/3") || len(rs) == 0 {
			break
		}
		rs = h.cmd("skip", "")
	}
	if len(topics) != 3 {
		t.Errorf("three questions from %d topics: %v", len(topics), topics)
	}
}
