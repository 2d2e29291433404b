// Package telegramfake is a fake Telegram Bot API server for tests.
//
// It runs on net/http/httptest, listens on 127.0.0.1 only and speaks the
// real wire format, so the real SDK
// (github.com/go-telegram-bot-api/telegram-bot-api/v5) and the real binary
// run against it unmodified: point tgbotapi.NewBotAPIWithClient, or the
// telegram.api_endpoint setting, at Server.Endpoint.
//
// A test plays the users and inspects what the bot did:
//
//   - SendText, SendCommand, SendReply, SendMedia (voice, audio, video
//     note, sticker, photo, document), EditText, PressButton and
//     SendUpdate queue updates the bot receives with getUpdates (long
//     polling with Telegram's offset, limit and timeout rules) or, once it
//     called setWebhook, by POSTs to its webhook. A user's file is fetched
//     as from Telegram: getFile gives its file_path (files over 20 MB are
//     refused), /file/bot<token>/<file_path> serves its bytes.
//   - Messages, WaitMessages, CallbackAnswers, Commands, ChatActions,
//     Downloads, Requests and CallCount report what the bot sent; Wait
//     blocks on any condition without sleeping.
//   - Fail scripts faults (429 with retry_after, 5xx JSON or HTML errors,
//     hung requests, connection resets, empty getUpdates answers);
//     ResetPolling cuts waiting long polls; WithRateLimit turns on
//     Telegram-like flood control.
//
// Validation follows the Bot API server: HTML parse mode is parsed like
// tdlib does (allowed tags, nesting, character references, the same error
// descriptions), lengths are counted in UTF-16 code units after parsing,
// and edits, callback answers and chats fail with Telegram's descriptions.
package telegramfake
