package discordfake

import (
	"slices"
	"strconv"
	"time"
)

// Functions in this file render the fake's state as Discord's JSON objects.
// They return maps so that gateway code can blank fields per session.

// timestamp formats t as Discord does: ISO 8601 with microseconds and +00:00.
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000+00:00")
}

// nullable returns nil for "" so that it encodes as null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// perm encodes a permission set as Discord does: a decimal string.
func perm(p int64) string { return strconv.FormatInt(p, 10) }

// userWire renders a user object.
func userWire(u User) map[string]any {
	m := map[string]any{
		"id":                     u.ID,
		"username":               u.Username,
		"discriminator":          "0",
		"global_name":            nullable(u.GlobalName),
		"avatar":                 nil,
		"public_flags":           0,
		"flags":                  0,
		"banner":                 nil,
		"accent_color":           nil,
		"avatar_decoration_data": nil,
	}
	if u.Bot {
		m["bot"] = true
	}
	return m
}

// memberWire renders a guild member; withUser adds the user object and
// perms, if not nil, the "permissions" field of interaction members.
func memberWire(m *Member, withUser bool, perms *int64) map[string]any {
	w := map[string]any{
		"nick":                         nullable(m.Nick),
		"roles":                        nonNil(m.RoleIDs),
		"joined_at":                    timestamp(m.JoinedAt),
		"premium_since":                nil,
		"deaf":                         false,
		"mute":                         false,
		"flags":                        0,
		"pending":                      false,
		"avatar":                       nil,
		"banner":                       nil,
		"communication_disabled_until": nil,
	}
	if withUser {
		w["user"] = userWire(m.User)
	}
	if perms != nil {
		w["permissions"] = perm(*perms)
	}
	return w
}

// roleWire renders a role.
func roleWire(r Role) map[string]any {
	return map[string]any{
		"id":            r.ID,
		"name":          r.Name,
		"color":         0,
		"hoist":         false,
		"icon":          nil,
		"unicode_emoji": nil,
		"position":      r.Position,
		"permissions":   perm(r.Permissions),
		"managed":       false,
		"mentionable":   false,
		"flags":         0,
	}
}

// channelWireLocked renders a channel; withGuildID is false inside
// GUILD_CREATE, where Discord leaves guild_id out.
func (s *Server) channelWireLocked(c *channelState, withGuildID bool) map[string]any {
	ch := c.ch
	var last any
	if n := len(c.messageIDs); n > 0 {
		last = c.messageIDs[n-1]
	}
	w := map[string]any{
		"id":              ch.ID,
		"type":            ch.Type,
		"last_message_id": last,
		"flags":           0,
	}
	if ch.Type == ChannelTypeDM {
		var rs []any
		for _, id := range ch.RecipientIDs {
			u, _ := s.userLocked(id)
			rs = append(rs, userWire(u))
		}
		w["recipients"] = rs
		return w
	}
	if withGuildID {
		w["guild_id"] = ch.GuildID
	}
	w["name"] = ch.Name
	w["parent_id"] = nullable(ch.ParentID)
	w["rate_limit_per_user"] = 0
	w["nsfw"] = false
	if ch.IsThread() {
		w["owner_id"] = ch.OwnerID
		w["member_count"] = 1
		w["message_count"] = len(c.messageIDs)
		w["total_message_sent"] = len(c.messageIDs)
		meta := map[string]any{
			"archived":              ch.Archived,
			"auto_archive_duration": ch.AutoArchiveDuration,
			"archive_timestamp":     timestamp(snowflakeTime(ch.ID)),
			"locked":                false,
			"create_timestamp":      timestamp(snowflakeTime(ch.ID)),
		}
		if ch.Type == ChannelTypePrivateThread {
			meta["invitable"] = true
		}
		w["thread_metadata"] = meta
		return w
	}
	w["topic"] = nullable(ch.Topic)
	w["position"] = ch.Position
	ows := make([]any, 0, len(ch.Overwrites))
	for _, o := range ch.Overwrites {
		ows = append(ows, map[string]any{"id": o.ID, "type": o.Type, "allow": perm(o.Allow), "deny": perm(o.Deny)})
	}
	w["permission_overwrites"] = ows
	return w
}

// guildWireLocked renders the REST guild object.
func (s *Server) guildWireLocked(gs *guildState) map[string]any {
	g := gs.guild
	roles := make([]any, 0, len(g.Roles))
	for _, r := range g.Roles {
		roles = append(roles, roleWire(r))
	}
	locale := g.Locale
	if locale == "" {
		locale = "en-US"
	}
	return map[string]any{
		"id":                            g.ID,
		"name":                          g.Name,
		"icon":                          nil,
		"splash":                        nil,
		"discovery_splash":              nil,
		"owner_id":                      g.OwnerID,
		"afk_channel_id":                nil,
		"afk_timeout":                   300,
		"verification_level":            0,
		"default_message_notifications": 0,
		"explicit_content_filter":       0,
		"roles":                         roles,
		"emojis":                        []any{},
		"stickers":                      []any{},
		"features":                      []any{},
		"mfa_level":                     0,
		"application_id":                nil,
		"system_channel_id":             nil,
		"system_channel_flags":          0,
		"rules_channel_id":              nil,
		"vanity_url_code":               nil,
		"description":                   nil,
		"banner":                        nil,
		"premium_tier":                  0,
		"preferred_locale":              locale,
		"public_updates_channel_id":     nil,
		"nsfw_level":                    0,
		"premium_progress_bar_enabled":  false,
	}
}

// guildCreateWireLocked renders the GUILD_CREATE payload: the guild with
// members, channels, active threads (archived ones are left out, as on
// Discord) and the gateway-only fields.
func (s *Server) guildCreateWireLocked(gs *guildState) map[string]any {
	w := s.guildWireLocked(gs)
	var channels, threads []any
	for _, id := range gs.channelIDs {
		c := s.channels[id]
		if c.ch.IsThread() {
			if !c.ch.Archived {
				threads = append(threads, s.channelWireLocked(c, true))
			}
			continue
		}
		channels = append(channels, s.channelWireLocked(c, false))
	}
	members := make([]any, 0, len(gs.memberOrder))
	for _, id := range gs.memberOrder {
		members = append(members, memberWire(gs.members[id], true, nil))
	}
	w["channels"] = nonNilAny(channels)
	w["threads"] = nonNilAny(threads)
	w["members"] = members
	w["member_count"] = len(members)
	w["joined_at"] = timestamp(gs.members[s.bot.ID].JoinedAt)
	w["large"] = false
	w["unavailable"] = false
	w["presences"] = []any{}
	w["voice_states"] = []any{}
	w["stage_instances"] = []any{}
	w["guild_scheduled_events"] = []any{}
	w["soundboard_sounds"] = []any{}
	return w
}

// attachmentWire renders an uploaded file as an attachment object.
func (s *Server) attachmentWire(channelID string, f File) map[string]any {
	url := s.URL() + "/attachments/" + channelID + "/" + f.ID + "/" + f.Name
	w := map[string]any{
		"id":           f.ID,
		"filename":     f.Name,
		"size":         len(f.Data),
		"url":          url,
		"proxy_url":    url,
		"content_type": nullable(f.ContentType),
	}
	if f.Waveform != "" || f.DurationSecs > 0 {
		w["duration_secs"] = f.DurationSecs
		w["waveform"] = f.Waveform
	}
	return w
}

// messageWireLocked renders a message. forGateway adds guild_id and member
// as MESSAGE_CREATE carries them.
func (s *Server) messageWireLocked(m *Message, forGateway bool) map[string]any {
	author, _ := s.userLocked(m.AuthorID)
	var edited any
	if m.EditedTimestamp != nil {
		edited = timestamp(*m.EditedTimestamp)
	}
	attachments := make([]any, 0, len(m.Files))
	for _, f := range m.Files {
		attachments = append(attachments, s.attachmentWire(m.ChannelID, f))
	}
	mentions := make([]any, 0, len(m.MentionIDs))
	for _, id := range m.MentionIDs {
		u, _ := s.userLocked(id)
		mentions = append(mentions, userWire(u))
	}
	w := map[string]any{
		"id":               m.ID,
		"type":             m.Type,
		"channel_id":       m.ChannelID,
		"author":           userWire(author),
		"content":          m.Content,
		"timestamp":        timestamp(m.Timestamp),
		"edited_timestamp": edited,
		"tts":              m.TTS,
		"mention_everyone": false,
		"mentions":         mentions,
		"mention_roles":    []any{},
		"attachments":      attachments,
		"embeds":           nonNil(m.Embeds),
		"components":       nonNil(m.Components),
		"pinned":           false,
		"flags":            m.Flags,
	}
	if len(m.Stickers) > 0 {
		w["sticker_items"] = m.Stickers
	}
	if m.WebhookID != "" {
		w["webhook_id"] = m.WebhookID
		w["application_id"] = s.appID
	}
	if m.Reference != nil {
		ref := *m.Reference
		ref.FailIfNotExists = nil
		w["message_reference"] = ref
		if r, ok := s.messages[ref.MessageID]; ok && !r.Deleted {
			w["referenced_message"] = s.messageWireLocked(r, false)
		} else {
			w["referenced_message"] = nil
		}
	}
	if m.ThreadID != "" {
		if t := s.channels[m.ThreadID]; t != nil {
			w["thread"] = s.channelWireLocked(t, true)
		}
	}
	if st := s.interactions[m.InteractionID]; st != nil {
		u, _ := s.userLocked(st.rec.UserID)
		meta := map[string]any{
			"id":                             st.rec.ID,
			"type":                           st.rec.Type,
			"user":                           userWire(u),
			"authorizing_integration_owners": st.owners,
		}
		if st.rec.CommandName != "" {
			meta["name"] = st.rec.CommandName
		}
		w["interaction_metadata"] = meta
		w["interaction"] = map[string]any{"id": st.rec.ID, "type": st.rec.Type, "name": st.rec.CommandName, "user": userWire(u)}
	}
	if forGateway && m.GuildID != "" {
		w["guild_id"] = m.GuildID
		if gs := s.guilds[m.GuildID]; gs != nil {
			if mem, ok := gs.members[m.AuthorID]; ok && m.WebhookID == "" {
				w["member"] = memberWire(mem, false, nil)
			}
		}
	}
	return w
}

// snowflakeTime extracts the creation time of a snowflake id.
func snowflakeTime(id string) time.Time {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(int64(n>>22) + discordEpoch)
}

// nonNil turns a nil slice into an empty one so it encodes as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return slices.Clip(s)
}

// nonNilAny is nonNil for []any.
func nonNilAny(s []any) []any { return nonNil(s) }
