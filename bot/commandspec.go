package bot

// CommandSpec describes a command for platforms that register commands
// (Telegram's menu, Discord's slash commands). The core's handling is the
// same everywhere; this is only what the platforms show.
type CommandSpec struct {
	Name string
	// Description is a short description per language ("zh", "en").
	Description map[string]string
	Args        []ArgSpec
	// Admin marks commands that change a group's settings; platforms that
	// can hide them from members do (Discord default member permissions).
	Admin bool
}

// ArgSpec describes one argument of a command.
type ArgSpec struct {
	Name        string
	Description map[string]string
	Required    bool
	// Choices, when set, are the only values allowed.
	Choices []string
}

// Commands returns the commands the bot understands, in menu order.
func Commands() []CommandSpec {
	d := func(zh, en string) map[string]string { return map[string]string{"zh": zh, "en": en} }
	return []CommandSpec{
		{Name: "next", Description: d("来一道题", "Ask me a question now")},
		{Name: "hint", Description: d("提示：先给提纲，再给要点", "A hint: the outline, then the key points")},
		{Name: "skip", Description: d("跳过这道题", "Skip this question")},
		{Name: "reveal", Description: d("直接看参考答案（记为没答出）", "Show the reference answer (counts as a miss)")},
		{Name: "interview", Description: d("模拟面试：连问 N 题，追问漏点，最后出报告", "Mock interview: N questions, follow-ups, a report"),
			Args: []ArgSpec{
				{Name: "count", Description: d("题数（默认 5）", "Number of questions (default 5)")},
				{Name: "topic", Description: d("主题（可选）", "Topic (optional)")},
			}},
		{Name: "end", Description: d("结束模拟面试并出报告", "End the mock interview with a report")},
		{Name: "stats", Description: d("我的进度：答题数、覆盖率、连续天数、薄弱题", "My progress: answers, coverage, streak, weak spots")},
		{Name: "top", Description: d("群排行榜：本周、总榜、连续作答", "Group leaderboard: this week, all time, streaks")},
		{Name: "topics", Description: d("列出所有主题", "List the topics")},
		{Name: "topic", Description: d("只练某个主题（不带参数则恢复全部）", "Practise one topic (no name: all topics)"),
			Args: []ArgSpec{{Name: "name", Description: d("主题名", "Topic name")}}, Admin: true},
		{Name: "subscribe", Description: d("每天定时推题", "Get a question on a schedule"), Admin: true,
			Args: []ArgSpec{
				{Name: "time", Description: d("时间 HH:MM，如 09:00", "Time HH:MM, e.g. 09:00")},
				{Name: "days", Description: d("哪几天：daily、mon-fri、mon,wed,fri", "Days: daily, mon-fri, mon,wed,fri")},
				{Name: "zone", Description: d("时区，如 Asia/Shanghai", "Time zone, e.g. Asia/Shanghai")},
			}},
		{Name: "unsubscribe", Description: d("取消定时推题", "Stop scheduled questions"), Admin: true},
		{Name: "timezone", Description: d("设置时区，如 Asia/Shanghai", "Set the time zone, e.g. Europe/Berlin"), Admin: true,
			Args: []ArgSpec{{Name: "zone", Description: d("IANA 时区", "IANA time zone"), Required: true}}},
		{Name: "lang", Description: d("界面语言 zh|en", "Interface language zh|en"), Admin: true,
			Args: []ArgSpec{{Name: "language", Description: d("语言", "Language"), Required: true, Choices: []string{"zh", "en"}}}},
		{Name: "export", Description: d("导出我的数据（JSON）", "Export my data as JSON")},
		{Name: "forget", Description: d("删除我的全部数据", "Delete all my data")},
		{Name: "help", Description: d("怎么用", "How it works")},
		{Name: "start", Description: d("开始", "Start")},
	}
}
