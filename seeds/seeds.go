// Package seeds embeds the interview notes the bot uses when no bank path
// is configured. The note files are kept byte for byte as the person wrote
// them; the bank package is responsible for reading them well.
package seeds

import "embed"

// FS holds the embedded note files (*.txt, *.md and *.yaml at the top level).
//
//go:embed *.txt
var FS embed.FS
