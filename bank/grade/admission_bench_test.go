package grade

import "testing"

// BenchmarkIsAdmission reads short replies for an admission: two that are
// ("不知道，没了解过", "sorry idk") and one that is none but can be cut
// from both ends in many orders (a prefix "i", a suffix "it").
func BenchmarkIsAdmission(b *testing.B) {
	for _, bc := range []struct{ name, compact string }{
		{"zh", "不知道没了解过"},
		{"en", "sorryidk"},
		{"both_ends", "iiiiiiiiiiiiiiiiiiiiiiiiitititititititititititit"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				isAdmission(bc.compact)
			}
		})
	}
}

// TestIsAdmissionCuts checks that admissions are still read through their
// softeners, and that a reply cut from both ends is none.
func TestIsAdmissionCuts(t *testing.T) {
	for compact, want := range map[string]bool{
		"不知道没了解过":  true,
		"sorryidk": true,
		"我之前没做过这块": true,
		"iiiiiiiiiiiiiiiiiiiiiiiiitititititititititititit": false,
		"没做过分片但做过主从复制":                                     false,
	} {
		if got := isAdmission(compact); got != want {
			t.Errorf("isAdmission(%q) = %v, want %v", compact, got, want)
		}
	}
}
