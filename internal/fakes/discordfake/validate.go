package discordfake

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Discord's limits.
const (
	maxContent          = 2000
	maxEmbeds           = 10
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxEmbedFieldName   = 256
	maxEmbedFieldValue  = 1024
	maxEmbedFooter      = 2048
	maxActionRows       = 5
	maxRowComponents    = 5
	maxCustomID         = 100
	maxButtonLabel      = 80
	maxModalTitle       = 45
	maxTextInputLabel   = 45
	maxTextInputValue   = 4000
	maxPlaceholder      = 100
	maxSelectOptions    = 25
	maxFiles            = 10
)

// path appends elements to a copy of base.
func path(base []string, elems ...string) []string {
	out := make([]string, 0, len(base)+len(elems))
	out = append(out, base...)
	return append(out, elems...)
}

// runes counts characters as Discord does for length limits.
func runes(s string) int { return utf8.RuneCountInString(s) }

// validateMessage checks the fields of a message body that are present
// (all of them for a create) and records errors under prefix.
func validateMessage(fe formErrors, prefix []string, b *messageBody) {
	if runes(b.Content) > maxContent {
		fe.maxLen(path(prefix, "content"), maxContent)
	}
	if len(b.Embeds) > maxEmbeds {
		fe.maxLen(path(prefix, "embeds"), maxEmbeds)
	}
	for i, e := range b.Embeds {
		validateEmbed(fe, path(prefix, "embeds", strconv.Itoa(i)), e)
	}
	if b.Flags&FlagIsComponentsV2 == 0 {
		validateComponents(fe, path(prefix, "components"), b.Components)
	}
	if len(b.files) > maxFiles {
		fe.maxLen(path(prefix, "files"), maxFiles)
	}
}

// validateEmbed checks an embed's lengths.
func validateEmbed(fe formErrors, p []string, e Embed) {
	if runes(e.Title) > maxEmbedTitle {
		fe.maxLen(path(p, "title"), maxEmbedTitle)
	}
	if runes(e.Description) > maxEmbedDescription {
		fe.maxLen(path(p, "description"), maxEmbedDescription)
	}
	if len(e.Fields) > maxEmbedFields {
		fe.maxLen(path(p, "fields"), maxEmbedFields)
	}
	for i, f := range e.Fields {
		fp := path(p, "fields", strconv.Itoa(i))
		switch n := runes(f.Name); {
		case n == 0:
			fe.required(path(fp, "name"))
		case n > maxEmbedFieldName:
			fe.maxLen(path(fp, "name"), maxEmbedFieldName)
		}
		switch n := runes(f.Value); {
		case n == 0:
			fe.required(path(fp, "value"))
		case n > maxEmbedFieldValue:
			fe.maxLen(path(fp, "value"), maxEmbedFieldValue)
		}
	}
	if e.Footer != nil && runes(e.Footer.Text) > maxEmbedFooter {
		fe.maxLen(path(p, "footer", "text"), maxEmbedFooter)
	}
}

// validateComponents checks classic message components: up to 5 action
// rows of up to 5 buttons or one select menu, unique custom ids.
func validateComponents(fe formErrors, p []string, rows []Component) {
	if len(rows) > maxActionRows {
		fe.maxLen(p, maxActionRows)
	}
	seen := map[string]bool{}
	for i, row := range rows {
		rp := path(p, strconv.Itoa(i))
		if row.Type != ComponentActionRow {
			fe.add(path(rp, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (1,).`)
			continue
		}
		if n := len(row.Components); n < 1 || n > maxRowComponents {
			fe.badLength(path(rp, "components"), 1, maxRowComponents)
		}
		for j, c := range row.Components {
			cp := path(rp, "components", strconv.Itoa(j))
			switch c.Type {
			case ComponentButton:
				validateButton(fe, cp, c)
			case ComponentSelectMenu, 5, 6, 7, 8:
				if len(row.Components) > 1 {
					fe.add(path(rp, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
				}
				validateCustomID(fe, cp, c.CustomID)
				if c.Type == ComponentSelectMenu && (len(c.Options) < 1 || len(c.Options) > maxSelectOptions) {
					fe.badLength(path(cp, "options"), 1, maxSelectOptions)
				}
			default:
				fe.add(path(cp, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (2, 3, 5, 6, 7, 8).`)
			}
			if c.CustomID != "" {
				if seen[c.CustomID] {
					fe.add(path(cp, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
				}
				seen[c.CustomID] = true
			}
		}
	}
}

// validateButton checks a button's style, custom id or url, and label.
func validateButton(fe formErrors, p []string, c Component) {
	switch {
	case c.Style < 1 || c.Style > 6:
		fe.add(path(p, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
	case c.Style == ButtonStyleLink:
		if c.URL == "" {
			fe.add(path(p, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required")
		}
		if c.CustomID != "" {
			fe.add(path(p, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE", "A custom id and url cannot both be specified")
		}
	case c.Style == 6:
		if c.SKUID == "" {
			fe.required(path(p, "sku_id"))
		}
	default:
		validateCustomID(fe, p, c.CustomID)
	}
	if runes(c.Label) > maxButtonLabel {
		fe.maxLen(path(p, "label"), maxButtonLabel)
	}
	if c.Label == "" && c.Emoji == nil && c.Style != 6 {
		fe.add(path(p, "label"), "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required")
	}
}

// validateCustomID checks that a custom id is present and short enough.
func validateCustomID(fe formErrors, p []string, id string) {
	switch n := runes(id); {
	case n == 0:
		fe.required(path(p, "custom_id"))
	case n > maxCustomID:
		fe.maxLen(path(p, "custom_id"), maxCustomID)
	}
}

// validateModal checks a MODAL interaction response: a title and custom id,
// and 1 to 5 action rows of one text input each.
func validateModal(fe formErrors, p []string, b *messageBody) {
	validateCustomID(fe, p, b.CustomID)
	switch n := runes(b.Title); {
	case n == 0:
		fe.required(path(p, "title"))
	case n > maxModalTitle:
		fe.maxLen(path(p, "title"), maxModalTitle)
	}
	if n := len(b.Components); n < 1 || n > maxActionRows {
		fe.badLength(path(p, "components"), 1, maxActionRows)
	}
	seen := map[string]bool{}
	for i, row := range b.Components {
		rp := path(p, "components", strconv.Itoa(i))
		if row.Type != ComponentActionRow {
			fe.add(path(rp, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (1,).`)
			continue
		}
		if len(row.Components) != 1 {
			fe.badLength(path(rp, "components"), 1, 1)
		}
		for j, c := range row.Components {
			cp := path(rp, "components", strconv.Itoa(j))
			if c.Type != ComponentTextInput {
				fe.add(path(cp, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (4,).`)
				continue
			}
			validateTextInput(fe, cp, c)
			if seen[c.CustomID] && c.CustomID != "" {
				fe.add(path(cp, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
			}
			seen[c.CustomID] = true
		}
	}
}

// validateTextInput checks a modal text input.
func validateTextInput(fe formErrors, p []string, c Component) {
	validateCustomID(fe, p, c.CustomID)
	switch n := runes(c.Label); {
	case n == 0:
		fe.required(path(p, "label"))
	case n > maxTextInputLabel:
		fe.maxLen(path(p, "label"), maxTextInputLabel)
	}
	if c.Style != TextInputShort && c.Style != TextInputParagraph {
		fe.add(path(p, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.")
	}
	if c.MinLength != nil && (*c.MinLength < 0 || *c.MinLength > maxTextInputValue) {
		fe.add(path(p, "min_length"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 4000.")
	}
	if c.MaxLength != nil && (*c.MaxLength < 1 || *c.MaxLength > maxTextInputValue) {
		fe.add(path(p, "max_length"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 4000.")
	}
	if runes(c.Value) > maxTextInputValue {
		fe.maxLen(path(p, "value"), maxTextInputValue)
	}
	if runes(c.Placeholder) > maxPlaceholder {
		fe.maxLen(path(p, "placeholder"), maxPlaceholder)
	}
}

// emptyMessage reports whether a message would have nothing to show.
func emptyMessage(content string, embeds []Embed, components []Component, files int, b *messageBody) bool {
	if strings.TrimSpace(content) != "" || len(embeds) > 0 || len(components) > 0 || files > 0 {
		return false
	}
	return b == nil || (len(b.StickerIDs) == 0 && b.Poll == nil)
}
