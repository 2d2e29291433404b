package bank_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/seeds"
)

// BenchmarkLoadSeeds reads, merges and key-points the embedded seed notes.
func BenchmarkLoadSeeds(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if bk, _ := bank.Load(bank.Input{FS: seeds.FS}); bk.Len() == 0 {
			b.Fatal("empty bank")
		}
	}
}

// BenchmarkLoadBankSize reads YAML banks of growing size: the cost must
// grow linearly (an entry is matched to the bank's questions through an
// index of their prompts, not by normalizing every prompt again).
func BenchmarkLoadBankSize(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("questions:\n")
			for i := range n {
				fmt.Fprintf(&sb, "  - prompt: 第%d题：如何保证服务%d的数据一致性？\n    answer: 通过**底层校验%d**、**文件校验**和**应用层校验**，并且**定期演练%d**，保证数据一致。\n", i, i, i, i)
			}
			fsys := fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}

// BenchmarkLoadPlainBank reads a YAML bank whose answers mark nothing, so
// every answer's key points are picked from its ideas (segmenter, corpus,
// phrases): the cost of key-point extraction at scale.
func BenchmarkLoadPlainBank(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("questions:\n")
			for i := range n {
				fmt.Fprintf(&sb, "  - prompt: 第%d题：服务%d的数据怎么保证一致？\n    answer: 我们先给服务%d做整机快照，第一次全量，之后只传变化的数据块。恢复时对比源端和目标端的位图，发现差异就重新传输。数据库还要核对 binlog 和事务日志，最后每个月做一次恢复演练%d，确认备份真的可用。\n", i, i, i, i)
			}
			fsys := fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}

// BenchmarkLoadPlainEnglishBank is BenchmarkLoadPlainBank for English
// answers: every answer's points are its noun phrases and names, each
// word looked up in WordNet's parts of speech.
func BenchmarkLoadPlainEnglishBank(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("questions:\n")
			for i := range n {
				fmt.Fprintf(&sb, "  - prompt: \"How do you keep service %d consistent?\"\n    answer: \"Since the first backup is a full snapshot, later runs only send the changed blocks. On restore we compare the source and target bitmaps, and any block that does not match is sent again. For the database we also check the binlog and the transaction log, and every month restore drill %d proves that the backup really works.\"\n", i, i)
			}
			fsys := fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}

// BenchmarkLoadMarkdownNotes reads markdown notes of growing size in the
// formats the reader handles (heading questions with Answer and Good to
// hear parts, <details> Q&A, lists of questions with follow-ups), 100
// questions a file: the cost must grow linearly, and 10,000 questions must
// load in well under a second.
func BenchmarkLoadMarkdownNotes(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			fsys := markdownNotes(n)
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}

// markdownNotes writes n questions as markdown files of 100 questions,
// a quarter in each format.
func markdownNotes(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	var sb strings.Builder
	flush := func(i int) {
		fsys[fmt.Sprintf("topic%d/notes%d.md", i/1000, i/100)] = &fstest.MapFile{Data: []byte(sb.String())}
		sb.Reset()
	}
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&sb, "## 第%d组\n\n### %d. 如何保证服务%d的数据一致性？\n\n#### 答案\n\n通过**底层校验%d**、**文件校验**和**应用层校验**，并且定期演练。\n\n```bash\n# check %d\nfsck -n /dev/sda%d\n```\n\n#### Good to hear\n\n- 校验分层%d\n- 定期演练\n\n##### References\n\n- [doc](https://example.com/%d)\n\n", i, i, i, i, i, i, i, i)
		case 1:
			fmt.Fprintf(&sb, "<details>\n<summary><b>What does command <code>tool%d</code> do?</b></summary><br>\n\nIt <b>checks</b> disk %d and reports <i>errors</i>.<br>\nUse it weekly.\n\nUseful resources:\n\n- [man](https://example.com/%d)\n\n</details>\n\n", i, i, i)
		case 2:
			fmt.Fprintf(&sb, "- 为什么服务%d需要限流？\n", i)
		case 3:
			fmt.Fprintf(&sb, "  - 限流算法%d有哪些？\n\n", i)
		}
		if (i+1)%100 == 0 || i == n-1 {
			flush(i)
		}
	}
	return fsys
}

// BenchmarkLoadSectionNotes reads generated markdown in the shapes of the
// notes a new user brought (testdata/corpus/ours-*), 100 questions a file:
// #### **题目** questions whose answers are 定义 / 举例 / 总结 sub-headings,
// ### questions with <details> between the items of their answer and a
// ##### sub-question, numbered Leetcode headings with an escaped problem
// title and a 题目描述, and a to-do list at the end of each file. Each
// shape adds scans of a heading's section; the cost must stay linear.
func BenchmarkLoadSectionNotes(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			fsys := sectionNotes(n)
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}

// sectionNotes writes n questions as markdown files of 100 questions, in
// three shapes, each file ending with a to-do list.
func sectionNotes(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		switch shape := i / 100 % 3; {
		case shape == 0:
			fmt.Fprintf(&sb, "#### **题目**：索引%d 和主键%d 是什么\n\n#### 定义\n\n**索引%d**: 排好序的数据结构\n\n#### 举例\n\n| 列 | 值 |\n|---|---|\n| a%d | 1 |\n\n#### 总结\n\n**主键%d 是唯一索引**。\n\n", i, i, i, i, i)
		case shape == 1:
			fmt.Fprintf(&sb, "### 协议%d与协议%d的区别\n\n1. 一个面向连接%d；\n<details>\n<summary>什么叫无连接？</summary>\n\n发数据前不用建立连接%d\n</details>\n\n2. 一个可靠%d；\n3. 一个有拥塞控制。\n\n##### 什么时候选协议%d？\n<details>\n<summary>展开</summary>\n\n实时场景%d。\n</details>\n\n", i, i+1, i, i, i, i, i)
		default:
			fmt.Fprintf(&sb, "## %d. 第%d题\n\n%d\\. Problem %d (Easy)\n\n[Leetcode](https://leetcode.com/p/%d) / [力扣](https://leetcode-cn.com/p/%d)\n\n```html\nInput: %d\n```\n\n题目描述：求第%d个数。\n\n用**双指针%d**扫一遍。\n\n", i%100+1, i, i, i, i, i, i, i, i)
		}
		if (i+1)%100 == 0 || i == n-1 {
			sb.WriteString("### 待完成\n- [ ] 还没写的题\n")
			fsys[fmt.Sprintf("topic%d/notes%d.md", i/1000, i/100)] = &fstest.MapFile{Data: []byte("# 笔记\n\n" + sb.String())}
			sb.Reset()
		}
	}
	return fsys
}

// BenchmarkLoadTopicSections loads study notes in topic sections (no
// question anywhere, as CS-Notes writes them), which are read twice: once
// for questions, then section by section. One file holds all n sections,
// each over one level of parts, so the fallback's scans of a section's
// headings show if they stop being linear.
func BenchmarkLoadTopicSections(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("# 计算机网络\n\n网络分层。\n\n")
			for i := range n {
				fmt.Fprintf(&sb, "## 协议%d 的拥塞控制\n\n发送方维护拥塞窗口 cwnd%d。\n\n### 慢开始\n\ncwnd 指数增长到 ssthresh%d。\n\n### 快重传\n\n收到三个重复确认立即重传。\n\n", i, i, i)
			}
			fsys := fstest.MapFS{"net.md": &fstest.MapFile{Data: []byte(sb.String())}}
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}
