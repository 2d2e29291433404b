package engine

import (
	"strings"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// unsortedTopic is the topic setting that selects the questions outside
// any section of the notes (their bank topic is ""). A chat's topic "" is
// all topics, so these need a value of their own; no notes heading reads
// like this one.
const unsortedTopic = "(unsorted)"

// unsortedNames are the names /topic and /interview take for the questions
// outside any section, in every language.
var unsortedNames = []string{"未分类", "unsorted", "-", "none", "other"}

// inTopic reports whether q belongs to a topic setting ("" is all).
func inTopic(q *bank.Question, topic string) bool {
	switch topic {
	case "":
		return true
	case unsortedTopic:
		return q.Topic == ""
	}
	return q.Topic == topic
}

// findTopic returns the topic setting a name refers to: a section of the
// notes, or the questions outside any section.
func (b *Bot) findTopic(name string) (string, bool) {
	want := textnorm.Compact(name)
	for _, u := range unsortedNames {
		if want == textnorm.Compact(u) && len(b.bank.InTopic("")) > 0 {
			if t, ok := b.bank.FindTopic(name); ok && strings.EqualFold(t, name) {
				return t, true // the notes have a section of that name
			}
			return unsortedTopic, true
		}
	}
	return b.bank.FindTopic(name)
}

// topicLabel is how a topic setting or a question's topic reads.
func topicLabel(tn *turn, topic string) string {
	if topic == "" || topic == unsortedTopic {
		return tn.t("topic.unsorted")
	}
	return topic
}

// UnsortedTopicName is the name of the questions outside any section of
// the notes, in lang.
func UnsortedTopicName(lang string) string { return topicLabel(&turn{lang: lang}, unsortedTopic) }

// topicSize is the number of questions a topic setting selects.
func (b *Bot) topicSize(topic string) int {
	n := 0
	for _, q := range b.bank.Questions() {
		if inTopic(q, topic) {
			n++
		}
	}
	return n
}
