// Package storage keeps the bot's state in one bbolt file: users, chats and
// their schedules, attempts, review cards, open questions and the outbox of
// pushes. DB implements bot.Store.
//
// Every value is the JSON of a record of package bot. The file carries a
// schema version; Open upgrades an older file in one transaction and
// refuses a newer one. Writes go through bbolt's Batch, so concurrent
// writers share one fsync, and each write method returns once its data is
// durable. ForgetUser rewrites the file so that nothing of the forgotten
// person stays in it, not even in freed pages.
package storage
