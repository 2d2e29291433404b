package discordfake

import "slices"

// dmPermissions is what Discord reports as permissions in a DM channel.
const dmPermissions = PermissionAddReactions | PermissionViewChannel | PermissionSendMessages |
	PermissionEmbedLinks | PermissionAttachFiles | PermissionReadMessageHistory |
	PermissionMentionEveryone | PermissionUseApplicationCommand

// basePermissionsLocked computes a member's guild-level permissions.
func (s *Server) basePermissionsLocked(gs *guildState, userID string) int64 {
	if gs.guild.OwnerID == userID {
		return PermissionAll
	}
	m, ok := gs.members[userID]
	if !ok {
		return 0
	}
	var perms int64
	for _, r := range gs.guild.Roles {
		if r.ID == gs.guild.ID || slices.Contains(m.RoleIDs, r.ID) {
			perms |= r.Permissions
		}
	}
	if perms&PermissionAdministrator != 0 {
		return PermissionAll
	}
	return perms
}

// channelPermissionsLocked computes a user's permissions in a channel,
// applying overwrites as Discord does (threads use their parent's).
func (s *Server) channelPermissionsLocked(c *channelState, userID string) int64 {
	if c.ch.GuildID == "" {
		return dmPermissions
	}
	gs := s.guilds[c.ch.GuildID]
	if gs == nil {
		return 0
	}
	perms := s.basePermissionsLocked(gs, userID)
	if perms == PermissionAll && (gs.guild.OwnerID == userID || perms&PermissionAdministrator != 0) {
		return PermissionAll
	}
	ow := c.ch.Overwrites
	if c.ch.IsThread() {
		if p := s.channels[c.ch.ParentID]; p != nil {
			ow = p.ch.Overwrites
		}
	}
	m := gs.members[userID]
	var roleAllow, roleDeny int64
	for _, o := range ow {
		switch {
		case o.Type == 0 && o.ID == gs.guild.ID:
			perms = perms&^o.Deny | o.Allow
		case o.Type == 0 && m != nil && slices.Contains(m.RoleIDs, o.ID):
			roleAllow |= o.Allow
			roleDeny |= o.Deny
		}
	}
	perms = perms&^roleDeny | roleAllow
	for _, o := range ow {
		if o.Type == 1 && o.ID == userID {
			perms = perms&^o.Deny | o.Allow
		}
	}
	if perms&PermissionViewChannel == 0 {
		return 0
	}
	return perms
}
