package bank

import (
	"strings"
	"testing"
)

func TestBoldSpanCleaning(t *testing.T) {
	tests := []struct {
		line string
		want []string // text, or text=alias1|alias2
	}{
		{"保障**业务连续性和数据可靠性**。", []string{"业务连续性和数据可靠性=业务连续性|数据可靠性"}},
		{"根据**恢复点目标（RPO）**设计", []string{"恢复点目标（RPO）=恢复点目标|RPO"}},
		// A list is one idea: its items are aliases of one point.
		{"具体包括**虚拟机、数据库、存储等资源**的备份", []string{"虚拟机、数据库、存储=虚拟机|数据库|存储"}},
		{"涉及到 **RPO、RTO、一致性校验等全局考虑**。", []string{"RPO、RTO、一致性校验=RPO|RTO|一致性校验"}},
		{"往往跨**越本地、云端、混合架构，方案**设计不仅仅", []string{"跨越本地、云端、混合架构=跨越本地|云端|混合架构", "方案设计"}},
		{"结合 **定期演练（如恢复测试、容灾切换演练）**，", []string{"定期演练"}},
		{"**通过事务日志（log）、binlog、WAL 等机制验证是否丢失数据。**", []string{"事务日志、binlog、WAL=事务日志|binlog|WAL"}},
		{"主要在**两个方向上**进行", nil},
		// A concluding remark (整体而言…) is no point.
		{"整体而言，这段时间让我在 **知识体系的完整性、方法论的高度，以及实操能力的深度 上都有显著提升。**", nil},
		{"参与到**方案设计和前期规划中**，", []string{"方案设计和前期规划=方案设计|前期规划"}},
		// "X与Y" splits only when both sides are terms of their own.
		{"第二，**知识沉淀与分享**。", []string{"知识沉淀与分享"}},
		{"**呃，就是**", nil},
		{"保证**平等对待**", []string{"平等对待"}},
		{"**" + strings.Repeat("很长的一句话", 8) + "**", nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			pts, _ := boldPoints([]line{{text: tt.line}}, stripBoldMarks(tt.line))
			var got []string
			for _, kp := range pts {
				s := kp.Text
				if len(kp.Aliases) > 0 {
					s += "=" + strings.Join(kp.Aliases, "|")
				}
				got = append(got, s)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEnumerationPoints(t *testing.T) {
	text := "当时没有选择留下主要有三个原因。第一，家人都在国内，我希望保持联系。第二，我读完本科之后，觉得自己更想尽快进入职场。第三，也是最关键的一点，我对云计算特别感兴趣。第一次见面时也聊过。"
	var got []string
	pts, _ := enumerationPoints(text)
	for _, kp := range pts {
		got = append(got, kp.Text)
	}
	want := []string{"家人都在国内", "更想尽快进入职场", "云计算特别感兴趣"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if pts, _ := enumerationPoints("最后，我们完成了迁移。"); pts != nil {
		t.Errorf("a lone 最后 is not a list: %v", pts)
	}
}

func TestSpokenDetection(t *testing.T) {
	tests := []struct {
		text   string
		spoken bool
	}{
		{"呃，这个其实是不一定的，但是我们一天大概能接三到四个新的工单，然后呃，可能嗯，每天的难度都不一样。", true},
		{"我承担了一些额外的职责，并且负责额度管理。", false},
		{"第一，**新人培养**。随着工作经验的积累，我负责指导团队新成员。", false},
		{"那还有就是可能就是我们组内就是这个分配的不够平均，然后可能就是有的人觉得这个不公平，那个就是比较麻烦。", true},
	}
	for _, tt := range tests {
		if got := countFillers(tt.text).spoken(); got != tt.spoken {
			t.Errorf("spoken(%q) = %v, want %v", tt.text, got, tt.spoken)
		}
	}
}

// TestAsidesAreNoPoints: a bold phrase that asks a question, leads into
// one or speaks about the notes is no point; the same words inside a term
// (注意力机制, 参考架构) are.
func TestAsidesAreNoPoints(t *testing.T) {
	for _, c := range []struct {
		text  string
		aside bool
	}{
		{"那为什么不全部使用这种编译方式呢", true},
		{"既然 AOT 这么多优点", true},
		{"面试技巧", true},
		{"如下图所示", true},
		{"左移运算符代码示例", true},
		{"注意力机制", false},
		{"参考架构", false},
		{"先进技术", false},
		{"业务连续性和数据可靠性", false},
	} {
		if got := isAsideOrQuestion(c.text); got != c.aside {
			t.Errorf("isAsideOrQuestion(%q) = %v, want %v", c.text, got, c.aside)
		}
	}
}

// An enumerated clause that only says how the speaker feels about a thing
// ("X非常吸引我", "我对X极其看好") is the thing: the feeling is no part of
// what an interviewer checks, and its words drown the thing's in matching.
func TestEnumerationDropsTheSpeakersFeeling(t *testing.T) {
	text := "首先，我认为这个岗位和我的规划高度契合。第二个，我对商汤在AI基础设施这个赛道极其看好。还有第三个可能是商汤的黑羊文化和技术驱动基因非常吸引我，和很多公司不一样。"
	var got []string
	pts, _ := enumerationPoints(text)
	for _, kp := range pts {
		got = append(got, kp.Text)
	}
	want := []string{"这个岗位和我的规划高度契合", "商汤在AI基础设施这个赛道", "商汤的黑羊文化和技术驱动基因"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
