package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// isVersion reports whether an argument asks for the version.
func isVersion(arg string) bool {
	return arg == "--version" || arg == "-version" || arg == "-v"
}

// version describes the binary from its build information: the module
// version ("(devel)" for a build from a clone), the commit and its time
// (with "modified" when the tree had changes), and the Go version.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "interviewbot (unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(len(s.Value), 12)]
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	parts := []string{"interviewbot", v}
	if rev != "" {
		parts = append(parts, rev)
	}
	if at != "" {
		parts = append(parts, at)
	}
	if modified {
		parts = append(parts, "(modified)")
	}
	return fmt.Sprintf("%s, %s", strings.Join(parts, " "), info.GoVersion)
}
