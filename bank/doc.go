// Package bank reads a person's interview notes into questions with stable
// IDs, reference answers and key points.
//
// Notes are markdown-ish text, mostly Chinese: numbered, bulleted or
// heading questions, answer markers such as 回答： or **答案**：, ## sections
// that give the topic, > outline lines, **bold** key phrases, several answer
// variants under bold labels, follow-up questions, and spoken transcripts
// mixed in after a polished answer. A YAML file of questions can add
// questions and refine what the parser read, without editing the notes.
//
// The package does no I/O beyond the fs.FS values it is given.
package bank
