package bank

import (
	"slices"
	"testing"
	"testing/fstest"
)

// The new-user test: a question's key points changed with the other notes
// loaded (the term fallback weighed words against the whole bank), so
// adding an unrelated file changed how an existing question was graded.
// A folder's key points are weighed against that folder's answers only
// (a folder of notes is one topic).
func TestKeyPointsIndependentOfOtherFolders(t *testing.T) {
	redis := "### Redis 有哪些数据结构？\n\nRedis 常用的有 string、list、hash、set 和 zset。string 可用于缓存和计数器，list 可以做消息队列，hash 适合存对象，set 能去重和求交集，zset 按分数排序适合排行榜。\n\n" +
		"### Redis 为什么快？\n\n数据在内存里，单线程避免了上下文切换和锁竞争，IO 多路复用让一个线程处理大量连接，数据结构也针对场景做了优化。\n"
	other := "### list 和 set 的区别？\n\nlist 有序可重复，set 无序不重复；list 适合按下标访问，set 适合去重和判断元素是否存在。\n\n" +
		"### 什么是 string？\n\nstring 是字符序列，Java 里不可变，拼接多用 StringBuilder。\n\n" +
		"### 缓存穿透怎么办？\n\n缓存穿透是查不存在的数据，可以缓存空值或者用布隆过滤器拦截。\n"
	points := func(fsys fstest.MapFS) []string {
		b, _ := Load(Input{FS: fsys})
		var out []string
		for _, q := range b.Questions() {
			if q.Sources[0].File != "redis/redis.md" {
				continue
			}
			for _, kp := range q.Answers()[0].KeyPoints {
				out = append(out, q.Prompt+": "+kp.Text)
			}
		}
		return out
	}
	alone := points(fstest.MapFS{"redis/redis.md": {Data: []byte(redis)}})
	with := points(fstest.MapFS{"redis/redis.md": {Data: []byte(redis)}, "java/other.md": {Data: []byte(other)}})
	if len(alone) == 0 {
		t.Fatal("no key points")
	}
	if !slices.Equal(alone, with) {
		t.Errorf("adding another folder changed redis/redis.md's key points:\nalone %q\nwith  %q", alone, with)
	}
}
