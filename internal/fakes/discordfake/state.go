package discordfake

import (
	"fmt"
	"slices"
)

// addUserLocked registers or updates a user. s.mu must be held (or the
// server not yet started).
func (s *Server) addUserLocked(u User) {
	if _, ok := s.users[u.ID]; !ok {
		s.userOrder = append(s.userOrder, u.ID)
	}
	cp := u
	s.users[u.ID] = &cp
}

// addGuildLocked registers a guild fixture with its channels, members and
// users, adding an @everyone role and the bot as member if missing.
func (s *Server) addGuildLocked(g Guild) {
	gs := &guildState{members: map[string]*Member{}}
	if !slices.ContainsFunc(g.Roles, func(r Role) bool { return r.ID == g.ID }) {
		g.Roles = append([]Role{{ID: g.ID, Name: "@everyone", Permissions: PermissionsEveryone}}, g.Roles...)
	}
	g.Roles = slices.Clone(g.Roles)
	if !slices.ContainsFunc(g.Members, func(m Member) bool { return m.User.ID == s.bot.ID }) {
		g.Members = append(slices.Clone(g.Members), Member{User: s.bot, JoinedAt: fixtureTime()})
	}
	for _, m := range g.Members {
		if m.User.ID == s.bot.ID {
			m.User = s.bot
		} else {
			s.addUserLocked(m.User)
		}
		if m.JoinedAt.IsZero() {
			m.JoinedAt = fixtureTime()
		}
		m.RoleIDs = slices.Clone(m.RoleIDs)
		if _, ok := gs.members[m.User.ID]; !ok {
			gs.memberOrder = append(gs.memberOrder, m.User.ID)
		}
		cp := m
		gs.members[m.User.ID] = &cp
	}
	for _, c := range g.Channels {
		c.GuildID = g.ID
		c.Overwrites = slices.Clone(c.Overwrites)
		s.channels[c.ID] = &channelState{ch: c}
		gs.channelIDs = append(gs.channelIDs, c.ID)
	}
	g.Channels = nil
	g.Members = nil
	gs.guild = g
	if _, ok := s.guilds[g.ID]; !ok {
		s.guildOrder = append(s.guildOrder, g.ID)
	}
	s.guilds[g.ID] = gs
}

// AddGuild adds a guild at run time, as when the bot is invited to one, and
// dispatches GUILD_CREATE to the sessions with the GUILDS intent. Sessions
// identifying later get it with READY.
func (s *Server) AddGuild(g Guild) {
	s.mu.Lock()
	s.addGuildLocked(g)
	data := s.guildCreateWireLocked(s.guilds[g.ID])
	s.notifyLocked()
	s.mu.Unlock()
	_, _ = s.dispatch("GUILD_CREATE", func(gs *gwSession) (any, bool) {
		return data, gs.intents&IntentGuilds != 0 && gs.ownsGuild(g.ID)
	})
}

// AddUser registers a user who can DM the bot, or updates one.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addUserLocked(u)
	s.notifyLocked()
}

// userLocked returns a copy of a known user.
func (s *Server) userLocked(id string) (User, bool) {
	u, ok := s.users[id]
	if !ok {
		return User{ID: id, Username: "unknown"}, false
	}
	return *u, true
}

// defaultUserLocked is the author of test events that name none: alice if
// she exists, else the first non-bot user.
func (s *Server) defaultUserLocked() string {
	if _, ok := s.users[DefaultUserID]; ok {
		return DefaultUserID
	}
	for _, id := range s.userOrder {
		if id != s.bot.ID {
			return id
		}
	}
	return ""
}

// dmChannelLocked returns the DM channel with a user, creating it.
func (s *Server) dmChannelLocked(userID string) *channelState {
	if id, ok := s.dms[userID]; ok {
		return s.channels[id]
	}
	c := &channelState{ch: Channel{ID: s.ids.next(), Type: ChannelTypeDM, RecipientIDs: []string{userID}}}
	s.channels[c.ch.ID] = c
	s.dms[userID] = c.ch.ID
	return c
}

// DMChannel returns the DM channel between the bot and a user, creating it
// as POST /users/@me/channels would.
func (s *Server) DMChannel(userID string) (Channel, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[userID]; !ok || userID == s.bot.ID {
		return Channel{}, fmt.Errorf("dm channel for %s: %w", userID, ErrUnknownUser)
	}
	c := s.dmChannelLocked(userID)
	s.notifyLocked()
	return cloneChannel(c.ch), nil
}

// Channel returns a channel (guild channel, thread or DM) by id.
func (s *Server) Channel(id string) (Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[id]
	if !ok {
		return Channel{}, false
	}
	return cloneChannel(c.ch), true
}

// Threads returns the threads started in a channel, in creation order.
func (s *Server) Threads(parentID string) []Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Channel
	for _, gid := range s.guildOrder {
		for _, cid := range s.guilds[gid].channelIDs {
			c := s.channels[cid].ch
			if c.IsThread() && c.ParentID == parentID {
				out = append(out, cloneChannel(c))
			}
		}
	}
	return out
}

// Typing returns how many times the bot triggered the typing indicator in a
// channel.
func (s *Server) Typing(channelID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.typing[channelID]
}

// cloneChannel copies a channel and its slices.
func cloneChannel(c Channel) Channel {
	c.Overwrites = slices.Clone(c.Overwrites)
	c.RecipientIDs = slices.Clone(c.RecipientIDs)
	return c
}

// guildOfLocked returns the guild a channel belongs to, or nil for DMs.
func (s *Server) guildOfLocked(c *channelState) *guildState {
	if c == nil || c.ch.GuildID == "" {
		return nil
	}
	return s.guilds[c.ch.GuildID]
}
