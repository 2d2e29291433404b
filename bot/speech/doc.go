// Package speech turns a recorded answer into text and measures how it was
// delivered.
//
// Client speaks the OpenAI-compatible transcription API (POST
// /v1/audio/transcriptions, multipart file, model, language and
// response_format=verbose_json) that whisper.cpp's server, faster-whisper
// servers, LocalAI and hosted APIs accept, with a time budget and bounded
// retries. Duration reads an audio file's length from its header (WAV, Ogg
// Opus, Ogg Vorbis) when the platform does not say. Analyze computes the
// delivery figures of a transcript: speaking rate, filler words and long
// pauses. StripFillers removes the filler words before a transcript is
// graded.
//
// The package knows nothing of chats or of the bot's core: the core asks
// for a transcription through an interface of its own, which Client
// satisfies.
package speech
