package bank

import (
	"strings"
)

// functionWords are Chinese words that carry grammar, stance or framing
// rather than content. Term extraction breaks phrases at them, and key
// points do not start with them.
var functionWords = []string{
	// demonstratives, quantities and pronouns
	"这个", "这些", "这种", "这样", "这么", "这是", "这次", "那个", "那些", "那种", "那样", "那么",
	"一个", "一些", "一种", "一次", "一下", "一件", "一位", "一名", "一直", "一般", "所有", "每个",
	"我们", "你们", "他们", "她们", "它们", "自己", "大家", "别人", "其他", "其中", "某个", "某些",
	// connectives and adverbs
	"因为", "所以", "但是", "而且", "并且", "如果", "虽然", "然后", "已经", "还是", "就是", "也是",
	"都是", "还有", "可能", "其实", "当然", "比较", "非常", "更加", "即使", "尤其", "因此", "为此",
	"从而", "以及", "或者", "而是", "不仅", "同时", "另外", "此外", "最终", "最后", "首先", "其次",
	"然而", "甚至", "只是", "只有", "不过", "确实", "真正", "主要", "特别", "大概", "大约", "基本",
	"通常", "往往", "经常", "直接", "进一步", "逐步", "不断", "简单来说", "总结来说", "整体而言",
	"整体来说", "总的来说", "比如说", "例如", "比如", "包括", "通过", "进行", "对于", "关于", "由于",
	"根据", "基于", "围绕", "随着", "作为", "之后", "之前", "以后", "以前", "时候", "当时", "现在",
	"目前", "正在", "过于", "能够", "可以", "需要", "不能", "才能", "能否", "是否", "会有", "也会",
	"就会", "不会", "还会", "将会", "要求", "去做", "来做", "有些", "涉及", "越来越", "类似",
	"懂得", "确实", "仅仅", "实际上", "很快", "接着", "里面", "为什么", "什么", "怎么", "常见",
	"之间", "找到", "左右", "第一次", "正常情况下", "情况下", "一般情况下",
	"有时候", "有时",
	// stance and framing
	"我认为", "认为", "觉得", "希望", "相信", "发现", "知道", "理解", "看到", "想要", "愿意",
	"第一", "第二", "第三", "第四", "方面",
}

// endsWithFunctionWord reports whether s ends with a function word, as
// "具体包括" does.
func endsWithFunctionWord(s string) bool {
	for _, w := range functionWords {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
