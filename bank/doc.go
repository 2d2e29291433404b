// Package bank reads a person's interview notes into questions with stable
// IDs, reference answers and key points.
//
// Notes come in the shapes people keep them in, English or Chinese.
// Markdown is parsed with goldmark (CommonMark) and its HTML with
// golang.org/x/net/html: question headings with Answer, Good to hear, 面试题剖析
// and References sub-headings, <details><summary> questions, one question
// per file in topic folders, lists of questions without answers (asked all
// the same; Question.HasReference is false), code fences, bold key phrases.
// Plain-text notes are read line by line: numbered or bulleted questions,
// answer markers such as 回答： or **答案**：, ## sections that give the
// topic, > outline lines, several answer variants under role labels,
// follow-up questions, and spoken transcripts after a polished answer. A
// YAML file of questions can add questions and refine what the parser read,
// without editing the notes. docs/NOTES.md describes each shape.
//
// The package does no I/O beyond the fs.FS values it is given.
package bank
