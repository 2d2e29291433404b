// Package storage keeps the bot's state in one bbolt file: users, chats and
// their schedules, attempts, review cards, open questions and the outbox of
// pushes. DB implements bot.Store.
//
// Every value is the JSON of a record of package bot. The file carries a
// schema version; Open upgrades an older file in one transaction and
// refuses a newer one. Writes are committed in groups: a write that comes
// while the file is idle is committed at once, those that come during a
// commit share the next one (and its fsync), and each write method returns
// once its data is durable. ForgetUser rewrites the file so that nothing
// of the forgotten person stays in it, not even in freed pages.
package storage
