package bot

import (
	"archive/zip"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// TestZoneListIsGos checks zones.txt against the zone names of the Go
// toolchain that runs the test; UPDATE_ZONES=1 rewrites it.
func TestZoneListIsGos(t *testing.T) {
	z, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("no zoneinfo.zip in GOROOT to compare with: %v", err)
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, "/") {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	want := strings.Join(names, "\n") + "\n"
	if os.Getenv("UPDATE_ZONES") != "" {
		if err := os.WriteFile("zones.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if zoneNames != want {
		t.Error("zones.txt differs from this Go's zone names: run UPDATE_ZONES=1 go test ./bot -run TestZoneListIsGos")
	}
	for _, n := range names {
		if _, err := LoadZone(strings.ToLower(n)); err != nil {
			t.Errorf("%s in lower case: %v", n, err)
		}
	}
}
