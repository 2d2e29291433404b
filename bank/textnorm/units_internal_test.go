package textnorm

import "testing"

// TestStopCharsSwitch keeps IsStopChar and StopChars in step.
func TestStopCharsSwitch(t *testing.T) {
	for _, r := range StopChars {
		if !IsStopChar(r) {
			t.Errorf("IsStopChar(%q) = false", r)
		}
	}
	for _, r := range "备份一致性数据恢复ab1" {
		if IsStopChar(r) {
			t.Errorf("IsStopChar(%q) = true", r)
		}
	}
}

// TestUnitKeysMatchUnits checks that Analyze's numeric units are exactly
// the string units.
func TestUnitKeysMatchUnits(t *testing.T) {
	for _, s := range []string{"一致性的保障 Block/Bitmap 验证", "用 K8s 的", "的了是", "备", "Ｃｒａｓｈ snapshots，恢复点目标（RPO）"} {
		want := map[Unit]struct{}{}
		for _, u := range Units(s) {
			want[UnitOf(u)] = struct{}{}
		}
		got := Analyze(s).Units
		if len(got) != len(want) {
			t.Errorf("%q: %d units, want %d", s, len(got), len(want))
		}
		for k := range want {
			if _, ok := got[k]; !ok {
				t.Errorf("%q: unit %x missing", s, k)
			}
		}
	}
}
