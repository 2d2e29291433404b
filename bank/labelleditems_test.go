package bank

import (
	"strings"
	"testing"
	"testing/fstest"
)

// pointsOf loads one markdown file and returns the key points of its
// first question's first answer, as text=alias1|alias2.
func pointsOf(t *testing.T, md string) []string {
	t.Helper()
	b, _ := Load(Input{FS: fstest.MapFS{"notes.md": {Data: []byte(md)}}})
	qs := b.Questions()
	if len(qs) == 0 {
		t.Fatal("no question loaded")
	}
	var got []string
	for _, kp := range qs[0].Answers()[0].KeyPoints {
		s := kp.Text
		if len(kp.Aliases) > 0 {
			s += "=" + strings.Join(kp.Aliases, "|")
		}
		got = append(got, s)
	}
	return got
}

// The new-user test: an answer that opens with labelled list items
// (`- 第一次握手：Client将SYN置1…`) and then discusses side questions
// with 首先/其次 got points only from the side discussion. Each labelled
// item is a point: its label with the technical terms it names.
func TestLabelledListItemsArePoints(t *testing.T) {
	md := "### 什么是三次握手？\n\n" +
		"- 第一次握手：Client将SYN置1，随机产生一个初始序列号seq发送给Server，进入SYN_SENT状态；\n" +
		"- 第二次握手：Server收到Client的SYN=1之后，将自己的SYN置1，ACK置1，发送给客户端；进入SYN_RCVD状态；\n" +
		"- 第三次握手：客户端检查ACK是否为1，检查正确之后将自己的ACK置为1，发送给服务器；进入ESTABLISHED状态。\n\n" +
		"TCP建立连接可以两次握手吗？不可以。有两个原因：\n\n" +
		"首先，可能会出现**已失效的连接请求报文段又传到了服务器端**。\n\n" +
		"其次，两次握手无法保证Client和Server之间成功互换初始序列号。\n"
	got := pointsOf(t, md)
	for _, want := range []string{"第一次握手（SYN）", "第二次握手（SYN、ACK）", "第三次握手（ACK）"} {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
}

// A list whose items are sentences, or with one label only, gives no
// labelled points: the label must name the item.
func TestLabelledListItemsNeedLabels(t *testing.T) {
	md := "### 如何排查线上问题？\n\n" +
		"- 我一般会先看监控：CPU 和内存的曲线有没有突变。\n" +
		"- 然后看日志里的错误堆栈，定位到具体的服务。\n" +
		"- 最后复现问题，写一个回归测试。\n"
	for _, g := range pointsOf(t, md) {
		if strings.HasPrefix(g, "我一般会先看监控") {
			t.Errorf("a sentence before a colon became a point: %q", g)
		}
	}
}

// The new-user test: a list of links (`- https://…`) under a list of IPC
// mechanisms gave the key point "https": a URL's scheme is no name.
func TestListHeadsSkipURLs(t *testing.T) {
	text := "1. 管道(Pipe)\n2. 消息队列\n3. 共享内存\n\n更详细的可以参考：\n\n" +
		"- https://imageslr.github.io/2020/02/26/ipc.html\n- http://www.jianshu.com/p/c1015f5ffa74\n"
	pts, _ := listHeadPoints(text, "进程间通信有哪些方式？")
	var got []string
	for _, kp := range pts {
		got = append(got, kp.Text)
		if strings.Contains(strings.ToLower(kp.Text), "http") {
			t.Errorf("key point %q comes from a URL", kp.Text)
		}
	}
	if len(got) < 3 {
		t.Errorf("key points %q, want the three mechanisms", got)
	}
}

// Two items of the author's list are two points even when one name holds
// the other: 命名管道 is not 管道 said again, 信号量 is not 信号.
func TestListItemsHoldingEachOtherStay(t *testing.T) {
	md := "### 进程间通信有哪些方式？\n\n1. 管道(Pipe)\n2. 命名管道\n3. 消息队列\n4. 信号(Signal)\n5. 共享内存\n6. 信号量(Semaphore)\n\n" +
		"更详细的可以参考：\n\n- https://imageslr.github.io/2020/02/26/ipc.html\n"
	got := strings.Join(pointsOf(t, md), "|")
	for _, want := range []string{"命名管道", "信号量"} {
		if !strings.Contains(got, want) {
			t.Errorf("key points %q lack %q", got, want)
		}
	}
	if strings.Contains(got, "https") {
		t.Errorf("key points %q hold a URL's scheme", got)
	}
}

// The new-user test: an author's note to self (TODO(abregman): add more
// info.) gave the key point "TODO".
func TestTodoNoteIsNoPoint(t *testing.T) {
	md := "### Explain CRD\n\nCRD is Custom Resource Definitions. It's custom Kubernetes component which extends K8s API.\n\nTODO(abregman): add more info.\n"
	for _, g := range pointsOf(t, md) {
		if strings.Contains(strings.ToLower(g), "todo") || strings.Contains(g, "abregman") {
			t.Errorf("key point %q is a note to self", g)
		}
	}
}
