package discordfake

import "time"

// Message flags the fake interprets. Values are Discord's.
const (
	FlagSuppressEmbeds        = 1 << 2
	FlagEphemeral             = 1 << 6
	FlagLoading               = 1 << 7
	FlagSuppressNotifications = 1 << 12
	FlagIsVoiceMessage        = 1 << 13
	FlagIsComponentsV2        = 1 << 15
)

// Component types and button styles, as on the wire.
const (
	ComponentActionRow  = 1
	ComponentButton     = 2
	ComponentSelectMenu = 3
	ComponentTextInput  = 4
	ButtonStyleLink     = 5
	TextInputShort      = 1
	TextInputParagraph  = 2
)

// Message is a message as stored by the fake: sent by the bot through REST,
// posted by a test user with PostMessage, or created by an interaction
// response or followup.
type Message struct {
	ID        string
	ChannelID string
	GuildID   string
	// AuthorID is the user id of the author (the bot for its own messages).
	AuthorID string
	// Type is Discord's message type: 0 default, 19 reply, 20 slash command
	// response.
	Type       int
	Content    string
	Embeds     []Embed
	Components []Component
	Flags      int
	TTS        bool
	Reference  *MessageReference
	// Files are the files uploaded with the message, with their bytes.
	Files []File
	// Stickers are the stickers a user posted (sticker_items).
	Stickers []StickerItem
	// MentionIDs are the users mentioned in Content with <@id>.
	MentionIDs      []string
	Timestamp       time.Time
	EditedTimestamp *time.Time
	// Edits counts successful edits (PATCH, or interaction update types).
	Edits int
	// Deleted is set once the message has been deleted.
	Deleted bool
	// InteractionID is set for interaction responses and followups.
	InteractionID string
	// WebhookID is set for messages created through an interaction webhook;
	// it is the application id.
	WebhookID string
	// ThreadID is set when a thread was started from this message.
	ThreadID string
}

// Ephemeral reports whether the message has the EPHEMERAL flag (64).
func (m Message) Ephemeral() bool { return m.Flags&FlagEphemeral != 0 }

// CustomIDs returns the custom ids of every component of the message, depth
// first, in order.
func (m Message) CustomIDs() []string {
	var ids []string
	walkComponents(m.Components, func(c Component) {
		if c.CustomID != "" {
			ids = append(ids, c.CustomID)
		}
	})
	return ids
}

// Buttons returns every button of the message, depth first, in order.
func (m Message) Buttons() []Component {
	var bs []Component
	walkComponents(m.Components, func(c Component) {
		if c.Type == ComponentButton {
			bs = append(bs, c)
		}
	})
	return bs
}

// walkComponents calls f on every component, depth first.
func walkComponents(cs []Component, f func(Component)) {
	for _, c := range cs {
		f(c)
		walkComponents(c.Components, f)
	}
}

// MessageReference points at the message a reply answers, as on the wire.
type MessageReference struct {
	Type            int    `json:"type,omitempty"`
	MessageID       string `json:"message_id,omitempty"`
	ChannelID       string `json:"channel_id,omitempty"`
	GuildID         string `json:"guild_id,omitempty"`
	FailIfNotExists *bool  `json:"fail_if_not_exists,omitempty"`
}

// File is a file uploaded as multipart files[n] with a message, or
// attached by a test user.
type File struct {
	// ID is the attachment id the fake assigned.
	ID          string
	Name        string
	ContentType string
	Data        []byte
	// DurationSecs and Waveform are set on the audio of a voice message
	// (a message with FlagIsVoiceMessage), as Discord's clients record it.
	DurationSecs float64
	Waveform     string
}

// StickerItem is a sticker posted with a message.
type StickerItem struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// FormatType is 1 PNG, 2 APNG, 3 Lottie, 4 GIF.
	FormatType int `json:"format_type"`
}

// Component is a message or modal component as on the wire: action rows,
// buttons, select menus and text inputs share this one shape.
type Component struct {
	Type        int            `json:"type"`
	ID          int            `json:"id,omitempty"`
	CustomID    string         `json:"custom_id,omitempty"`
	Style       int            `json:"style,omitempty"`
	Label       string         `json:"label,omitempty"`
	Emoji       *Emoji         `json:"emoji,omitempty"`
	URL         string         `json:"url,omitempty"`
	SKUID       string         `json:"sku_id,omitempty"`
	Disabled    bool           `json:"disabled,omitempty"`
	Placeholder string         `json:"placeholder,omitempty"`
	MinValues   *int           `json:"min_values,omitempty"`
	MaxValues   *int           `json:"max_values,omitempty"`
	Options     []SelectOption `json:"options,omitempty"`
	MinLength   *int           `json:"min_length,omitempty"`
	MaxLength   *int           `json:"max_length,omitempty"`
	Required    *bool          `json:"required,omitempty"`
	Value       string         `json:"value,omitempty"`
	Content     string         `json:"content,omitempty"`
	Components  []Component    `json:"components,omitempty"`
}

// Emoji is a partial emoji as used by buttons and select options.
type Emoji struct {
	ID       string `json:"id,omitempty"`
	Name     string `json:"name,omitempty"`
	Animated bool   `json:"animated,omitempty"`
}

// SelectOption is an option of a string select menu.
type SelectOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Emoji       *Emoji `json:"emoji,omitempty"`
	Default     bool   `json:"default,omitempty"`
}

// Embed is a rich embed as on the wire.
type Embed struct {
	Type        string       `json:"type,omitempty"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
	Color       int          `json:"color,omitempty"`
	Footer      *EmbedFooter `json:"footer,omitempty"`
	Image       *EmbedMedia  `json:"image,omitempty"`
	Thumbnail   *EmbedMedia  `json:"thumbnail,omitempty"`
	Author      *EmbedAuthor `json:"author,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
	Provider    *EmbedAuthor `json:"provider,omitempty"`
	Video       *EmbedMedia  `json:"video,omitempty"`
}

// EmbedFooter is an embed's footer.
type EmbedFooter struct {
	Text    string `json:"text"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedMedia is an embed's image, thumbnail or video.
type EmbedMedia struct {
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

// EmbedAuthor is an embed's author or provider.
type EmbedAuthor struct {
	Name    string `json:"name,omitempty"`
	URL     string `json:"url,omitempty"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedField is a name/value field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// clone returns a deep copy so that callers never share slices with the
// server's state.
func (m Message) clone() Message {
	c := m
	c.Embeds = cloneEmbeds(m.Embeds)
	c.Components = cloneComponents(m.Components)
	if m.Reference != nil {
		r := *m.Reference
		c.Reference = &r
	}
	if m.Files != nil {
		c.Files = make([]File, len(m.Files))
		for i, f := range m.Files {
			f.Data = append([]byte(nil), f.Data...)
			c.Files[i] = f
		}
	}
	c.MentionIDs = append([]string(nil), m.MentionIDs...)
	if m.Stickers != nil {
		c.Stickers = append([]StickerItem(nil), m.Stickers...)
	}
	if m.EditedTimestamp != nil {
		t := *m.EditedTimestamp
		c.EditedTimestamp = &t
	}
	return c
}

// cloneEmbeds deep-copies embeds.
func cloneEmbeds(es []Embed) []Embed {
	if es == nil {
		return nil
	}
	out := make([]Embed, len(es))
	for i, e := range es {
		e.Fields = append([]EmbedField(nil), e.Fields...)
		out[i] = e
	}
	return out
}

// cloneComponents deep-copies components.
func cloneComponents(cs []Component) []Component {
	if cs == nil {
		return nil
	}
	out := make([]Component, len(cs))
	for i, c := range cs {
		c.Options = append([]SelectOption(nil), c.Options...)
		c.Components = cloneComponents(c.Components)
		out[i] = c
	}
	return out
}
