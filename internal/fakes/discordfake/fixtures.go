package discordfake

import "time"

// Identifiers of the default fixture. A Server created without WithGuild
// options holds one guild, DefaultGuildID, with two text channels and three
// members: the bot, DefaultUserID (the guild owner) and OtherUserID.
const (
	// DefaultBotID is the user id of the bot unless WithBot changes it.
	DefaultBotID = "1234567890123456789"
	// DefaultApplicationID is the application id unless WithApplicationID
	// changes it. As for most modern Discord applications, it equals the bot
	// user id.
	DefaultApplicationID = DefaultBotID
	// DefaultGuildID is the id of the default guild.
	DefaultGuildID = "1100000000000000001"
	// DefaultChannelID is the id of the default guild's #general text channel.
	DefaultChannelID = "1100000000000000010"
	// SecondChannelID is the id of the default guild's #interviews text channel.
	SecondChannelID = "1100000000000000011"
	// DefaultUserID is the id of "alice", owner of the default guild.
	DefaultUserID = "1100000000000000100"
	// OtherUserID is the id of "bob", a plain member of the default guild.
	OtherUserID = "1100000000000000101"
	// BotRoleID is the id of the default guild's role given to the bot.
	BotRoleID = "1100000000000000020"
)

// Channel types, as in Discord's channel object.
const (
	ChannelTypeGuildText     = 0
	ChannelTypeDM            = 1
	ChannelTypeGuildVoice    = 2
	ChannelTypeGuildCategory = 4
	ChannelTypeAnnouncement  = 5
	ChannelTypePublicThread  = 11
	ChannelTypePrivateThread = 12
)

// Permission bits used by the fake's permission checks. Values are Discord's.
const (
	PermissionCreateInstantInvite   int64 = 1 << 0
	PermissionAdministrator         int64 = 1 << 3
	PermissionManageChannels        int64 = 1 << 4
	PermissionManageGuild           int64 = 1 << 5
	PermissionAddReactions          int64 = 1 << 6
	PermissionViewChannel           int64 = 1 << 10
	PermissionSendMessages          int64 = 1 << 11
	PermissionManageMessages        int64 = 1 << 13
	PermissionEmbedLinks            int64 = 1 << 14
	PermissionAttachFiles           int64 = 1 << 15
	PermissionReadMessageHistory    int64 = 1 << 16
	PermissionMentionEveryone       int64 = 1 << 17
	PermissionUseApplicationCommand int64 = 1 << 31
	PermissionManageThreads         int64 = 1 << 34
	PermissionCreatePublicThreads   int64 = 1 << 35
	PermissionCreatePrivateThreads  int64 = 1 << 36
	PermissionSendMessagesInThreads int64 = 1 << 38
	// PermissionAll is every permission bit Discord defines today.
	PermissionAll int64 = 1<<51 - 1
)

// Gateway intents the fake interprets. Values are Discord's.
const (
	IntentGuilds         int64 = 1 << 0
	IntentGuildMembers   int64 = 1 << 1
	IntentGuildPresences int64 = 1 << 8
	IntentGuildMessages  int64 = 1 << 9
	IntentDirectMessages int64 = 1 << 12
	IntentMessageContent int64 = 1 << 15
	// IntentsPrivileged is the set of intents an application must be granted
	// in the developer portal (see WithAllowedPrivilegedIntents).
	IntentsPrivileged = IntentGuildMembers | IntentGuildPresences | IntentMessageContent
)

// User is a Discord user known to the fake: the bot, guild members, or users
// reachable only by DM.
type User struct {
	ID         string
	Username   string
	GlobalName string
	Bot        bool
	// RejectDMs makes message creation in this user's DM channel fail with
	// 403 code 50007 "Cannot send messages to this user", as when a user
	// disabled DMs from server members or blocked the bot.
	RejectDMs bool
	// Locale is the client locale sent with this user's interactions;
	// empty means "en-US".
	Locale string
}

// Role is a guild role. A guild's @everyone role has the guild's id.
type Role struct {
	ID          string
	Name        string
	Permissions int64
	Position    int
}

// Member is a user's membership in a guild.
type Member struct {
	User     User
	Nick     string
	RoleIDs  []string
	JoinedAt time.Time
}

// Overwrite is a channel permission overwrite for a role (Type 0) or a
// member (Type 1).
type Overwrite struct {
	ID    string
	Type  int
	Allow int64
	Deny  int64
}

// Channel is a guild channel, thread or DM channel.
type Channel struct {
	ID         string
	Type       int
	GuildID    string
	Name       string
	Topic      string
	ParentID   string
	Position   int
	OwnerID    string
	Overwrites []Overwrite
	// RecipientIDs lists the other participant of a DM channel.
	RecipientIDs []string
	// AutoArchiveDuration and Archived describe threads.
	AutoArchiveDuration int
	Archived            bool
	// StarterMessageID is the message a thread was started from, if any.
	StarterMessageID string
}

// IsThread reports whether the channel is a thread.
func (c Channel) IsThread() bool {
	return c.Type == ChannelTypePublicThread || c.Type == ChannelTypePrivateThread || c.Type == 10
}

// Guild is a guild with the channels, roles and members the fake announces
// in GUILD_CREATE and uses for permission checks. If Roles has no @everyone
// role (ID equal to the guild's), one with PermissionsEveryone is added.
type Guild struct {
	ID       string
	Name     string
	OwnerID  string
	Channels []Channel
	Roles    []Role
	Members  []Member
	// Locale is the guild's preferred locale; empty means "en-US".
	Locale string
}

// PermissionsEveryone is the permission set given to an @everyone role that a
// Guild fixture does not define: roughly Discord's defaults for a new guild.
const PermissionsEveryone = PermissionCreateInstantInvite | PermissionAddReactions |
	PermissionViewChannel | PermissionSendMessages | PermissionEmbedLinks |
	PermissionAttachFiles | PermissionReadMessageHistory | PermissionMentionEveryone |
	PermissionUseApplicationCommand | PermissionCreatePublicThreads |
	PermissionCreatePrivateThreads | PermissionSendMessagesInThreads

// fixtureTime is the join time of fixture members: a fixed, plausible date.
func fixtureTime() time.Time { return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC) }

// DefaultGuild returns the default fixture guild for a bot with the given
// user id: #general (DefaultChannelID) and #interviews (SecondChannelID),
// owner alice (DefaultUserID), member bob (OtherUserID), and the bot with a
// role that adds thread and message management to @everyone's permissions.
func DefaultGuild(bot User) Guild {
	return Guild{
		ID:      DefaultGuildID,
		Name:    "Interview Club",
		OwnerID: DefaultUserID,
		Channels: []Channel{
			{ID: DefaultChannelID, Type: ChannelTypeGuildText, Name: "general", Position: 0},
			{ID: SecondChannelID, Type: ChannelTypeGuildText, Name: "interviews", Position: 1},
		},
		Roles: []Role{
			{ID: DefaultGuildID, Name: "@everyone", Permissions: PermissionsEveryone},
			{ID: BotRoleID, Name: bot.Username, Permissions: PermissionManageMessages | PermissionManageThreads, Position: 1},
		},
		Members: []Member{
			{User: User{ID: DefaultUserID, Username: "alice", GlobalName: "Alice"}, JoinedAt: fixtureTime()},
			{User: User{ID: OtherUserID, Username: "bob", GlobalName: "Bob"}, JoinedAt: fixtureTime()},
			{User: bot, RoleIDs: []string{BotRoleID}, JoinedAt: fixtureTime()},
		},
	}
}
