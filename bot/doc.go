// Package bot is the mock interviewer's core: the conversation (ask, reply,
// feedback, rating), progress and spaced repetition, schedules and the
// outbox of pushes. It knows no chat platform: adapters turn platform
// updates into Events and render Replies, and the core reaches storage
// through the small interfaces declared here.
package bot
