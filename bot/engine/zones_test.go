package engine

import "testing"

// The zone cache loads a zone once by its IANA name; names in another
// case, or wrong, are answered as LoadZone answers them and not kept.
func TestZoneCache(t *testing.T) {
	var z zoneCache
	a, err := z.load("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := z.load("Europe/Berlin")
	if a != b {
		t.Error("the same zone loaded twice")
	}
	if loc, err := z.load("europe/berlin"); err != nil || loc.String() != "Europe/Berlin" {
		t.Errorf("another case: %v, %v", loc, err)
	}
	if _, err := z.load("Mars/Olympus"); err == nil {
		t.Error("an unknown zone loaded")
	}
	if len(z.zones) != 1 {
		t.Errorf("cached %d zones, want 1: %v", len(z.zones), z.zones)
	}
}
