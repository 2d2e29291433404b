package bank

import "strings"

// checklistPoints makes one key point of each item of the author's own
// checklist (a Good to hear, Key points, 要点 or 得分点 list). The author
// wrote them as what a good reply covers, so they are used as they are:
// their text is the point and its own reference sentence, and the list is
// kept whole (no cap drops an item the author chose).
func checklistPoints(ls []line) []KeyPoint {
	var pts pointSet
	for _, l := range ls {
		if l.blank() || l.isCode() {
			continue
		}
		t := cleanInline(stripItemMarker(l.text))
		if strings.Trim(t, "-*•· ") == "" {
			continue
		}
		pts.add(KeyPoint{Text: t, Sentence: t, Origin: OriginChecklist})
	}
	return pts.pts
}
