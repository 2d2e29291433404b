package bank

import (
	"strings"
	"testing"
)

// tcpUDPNotes is the new-user test's TCP与UDP的区别 from waking-up: seven
// numbered differences, a details block, side questions, and one bold
// phrase in a remark with a link.
const tcpUDPNotes = "### TCP与UDP的区别\n\n" +
	"1. TCP是面向连接的，UDP是无连接的；\n" +
	"<details>\n<summary>什么叫无连接？</summary>\n\nUDP发送数据之前不需要建立连接\n</details>\n\n" +
	"2. TCP是可靠的，UDP不可靠；\n" +
	"3. TCP只支持点对点通信，UDP支持一对一、一对多、多对一、多对多；\n" +
	"4. TCP是面向字节流的，UDP是面向报文的；\n" +
	"5. TCP有拥塞控制机制，UDP没有。网络出现的拥塞不会使源主机的发送速率降低，这对某些实时应用是很重要的，比如媒体通信，游戏；\n" +
	"6. TCP首部开销（20字节）比UDP首部开销（8字节）要大\n" +
	"7. UDP 的主机不需要维持复杂的连接状态表\n\n" +
	"##### HTTP可以使用UDP吗？\n\n" +
	"HTTP不可以使用UDP，HTTP需要基于可靠的传输协议，而UDP不可靠\n\n" +
	"注：**http 3.0 使用udp实现**\nhttps://zh.wikipedia.org/wiki/HTTP/3\n\n" +
	"### 什么是拥塞控制？\n\n防止过多的数据注入到网络中。\n"

// A bold phrase in a remark with a link (注：**…** https://…) is the
// author's aside, not what an interviewer checks.
func TestRemarkWithLinkIsNoPoint(t *testing.T) {
	for _, p := range pointsOf(t, tcpUDPNotes) {
		if strings.Contains(p, "http 3.0") {
			t.Errorf("key points hold the remark %q", p)
		}
	}
}

// An answer that is a numbered list of statements (1. TCP是面向连接的，
// UDP是无连接的；…) gives one point per statement, its short form, when
// the author's bold marks are fewer or are remarks.
func TestNumberedStatementsArePoints(t *testing.T) {
	got := pointsOf(t, tcpUDPNotes)
	// The seventh (UDP 的主机不需要维持复杂的连接状态表) offers no phrase
	// that names a thing: 维持复杂 only describes what follows.
	for _, want := range []string{"面向连接", "可靠", "点对点", "字节流", "拥塞控制", "首部"} {
		found := false
		for _, g := range got {
			if strings.Contains(g, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("key points %q lack one for %q", got, want)
		}
	}
	for _, g := range got {
		if strings.Contains(g, "维持复杂") {
			t.Errorf("key points %q hold the modifier %q", got, g)
		}
	}
}

// Two bold phrases in an answer of five numbered statements stay points,
// and each statement that holds no bold phrase gives its own.
func TestNumberedStatementsBesideFewBoldMarks(t *testing.T) {
	md := "### 进程和线程的区别？\n\n" +
		"1. 进程是**资源分配**的基本单位，线程是CPU调度的基本单位；\n" +
		"2. 进程有独立的地址空间，线程共享所属进程的内存和文件句柄；\n" +
		"3. 进程切换要保存和恢复整个上下文，开销比线程切换大得多；\n" +
		"4. 一个进程崩溃不会影响其他进程，一个线程崩溃会让**整个进程**退出；\n" +
		"5. 进程间通信要借助管道、消息队列或共享内存，线程间直接读写共享变量；\n\n" +
		"### 什么是协程？\n\n用户态的轻量级线程，由程序自己调度。\n"
	got := pointsOf(t, md)
	for _, want := range []string{"资源分配", "整个进程", "地址空间", "上下文", "消息队列"} {
		found := false
		for _, g := range got {
			if strings.Contains(g, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("key points %q lack one for %q", got, want)
		}
	}
}
