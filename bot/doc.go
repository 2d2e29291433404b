// Package bot is the mock interviewer's contract: the domain types (chats,
// people, events), replies as values, the Store and Adapter interfaces, the
// Observer, capabilities, the command table and schedules. Adapters
// (bot/telegram, bot/discord, bot/console) and storage import it and
// nothing else of the core; the conversation itself lives in bot/engine,
// which only cmd constructs. It knows no chat platform: adapters turn
// platform updates into Events and render Replies.
package bot
