// Package engine is the mock interviewer's conversation: it turns Events
// into Replies (ask, answer, feedback, rating, hints, mock interviews, group
// rounds, reports), keeps progress and spaced repetition through bot.Store,
// runs the scheduler and delivers pushes through the durable outbox. Only
// cmd constructs it (New); adapters and storage see it through the
// contract's interfaces (bot.Replier, bot.Admitter, bot.Redeliverer). It
// asks the platform's declared capabilities (bot.Capabilities), never which
// platform it talks to.
package engine
