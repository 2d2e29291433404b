package lexicon

import "unicode/utf8"

// functionWords are Chinese words that carry grammar, stance or framing
// rather than content: pronouns, connectives, hedges, auxiliaries and
// enumeration markers. The grader does not count them as content, and key
// points never start or end with them.
var functionWords = map[string]bool{}

// functionChars holds the function words of one character.
var functionChars = map[rune]bool{}

func init() {
	for _, w := range functionWordList {
		functionWords[w] = true
		if r, n := utf8.DecodeRuneInString(w); n == len(w) {
			functionChars[r] = true
		}
	}
}

// IsFunctionWord reports whether w is a Chinese function word.
func IsFunctionWord(w string) bool { return functionWords[w] }

// IsFunctionPair reports whether the two characters a and b are a
// function word (甚至, 但是).
func IsFunctionPair(a, b rune) bool {
	var buf [2 * utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], a)
	n += utf8.EncodeRune(buf[n:], b)
	return functionWords[string(buf[:n])]
}

// IsFunctionChar reports whether the one character r is a function word.
func IsFunctionChar(r rune) bool { return functionChars[r] }

var functionWordList = []string{
	// demonstratives, quantities and pronouns
	"这个", "这些", "这种", "这样", "这么", "这是", "这次", "那个", "那些", "那种", "那样", "那么",
	"一个", "一些", "一种", "一次", "一下", "一件", "一位", "一名", "一直", "一般", "所有", "每个",
	"我们", "你们", "他们", "她们", "它们", "自己", "大家", "别人", "其他", "其中", "某个", "某些",
	"我", "你", "他", "她", "它", "咱们", "人家", "本身", "各种", "有的", "有些", "任何", "整个",
	// connectives and adverbs
	"因为", "所以", "但是", "而且", "并且", "如果", "虽然", "然后", "已经", "还是", "就是", "也是",
	"都是", "还有", "可能", "其实", "当然", "比较", "非常", "更加", "即使", "尤其", "因此", "为此",
	"从而", "以及", "或者", "而是", "不仅", "同时", "另外", "此外", "最终", "最后", "首先", "其次",
	"然而", "甚至", "只是", "只有", "不过", "确实", "真正", "主要", "特别", "大概", "大约", "基本",
	"通常", "往往", "经常", "直接", "进一步", "逐步", "不断", "简单来说", "总结来说", "整体而言",
	"整体来说", "总的来说", "总之", "总而言之", "综上", "比如说", "例如", "比如", "包括", "通过",
	"进行", "对于", "关于", "由于", "根据", "基于", "围绕", "随着", "作为", "之后", "之前", "以后",
	"以前", "时候", "当时", "现在", "目前", "正在", "过于", "能够", "可以", "需要", "不能", "才能",
	"能否", "是否", "会有", "也会", "就会", "不会", "还会", "将会", "去做", "来做", "有时候",
	"有时", "涉及", "越来越", "类似", "仅仅", "实际上", "接着", "里面", "为什么", "什么", "怎么",
	"之间", "左右", "情况下", "一般情况下", "正常情况下", "的话", "对吧", "反正", "相当于", "说白了",
	"而", "并", "但", "就", "都", "也", "还", "再", "又", "才", "很", "太", "更", "最", "会", "能",
	"要", "想", "让", "把", "被", "给", "向", "从", "到", "在", "对", "和", "与", "及", "或", "等",
	"的", "了", "着", "过", "是", "有", "没", "不", "吗", "呢", "吧", "啊", "呀", "嘛", "呃", "嗯",
	"具体", "具体来看", "来看", "来说", "一方面", "另一方面", "第一", "第二", "第三", "第四", "第五",
	"一是", "二是", "三是", "四是", "其一", "其二", "其三", "确保", "保证", "希望", "觉得", "认为",
	"我认为", "我觉得", "相信", "知道", "理解", "看到", "发现", "愿意", "想要", "方面", "这块",
	"那块", "一块", "部分", "东西", "事情", "时间", "问题", "情况", "方式", "方法", "起来", "出来",
	"两个", "三个", "几个", "一两个", "多个", "两种", "三种", "两点", "三点", "两项", "三项",
	"等等", "至于", "此时", "之上", "之下", "当前", "相比", "并非", "不仅仅", "而已",
	"不是", "单纯", "正是", "既", "仅", "仅仅是", "只", "多", "较", "更为", "能", "可", "将",
	"上面", "下面", "当中", "之中", "以上", "以下", "不少", "很多", "许多", "更多", "一点", "一样",
	"且", "地", "得", "表面上", "本质上", "事实上", "基本上", "原则上", "理论上", "尤其是", "特别是",
}
