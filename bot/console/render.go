package console

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"

	"github.com/interviewbot/interviewbot/bot"
)

// print writes a reply and returns its message ID. Edits of earlier
// messages are not reprinted: a terminal scrolls on. An attachment is
// written to a file whose path is printed.
func (a *Adapter) print(r bot.Reply, push bool) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.nextID++
	id := strconv.Itoa(a.nextID)
	if r.Edit != "" {
		return r.Edit
	}
	width := a.columns()
	var b strings.Builder
	if push {
		b.WriteString("\n")
	}
	b.WriteString(RenderWidth(r.Text, width))
	b.WriteString("\n")
	if att := r.Attachment; att != nil {
		b.WriteString(a.saveAttachment(att))
		b.WriteString("\n")
	}
	if line := a.renderButtons(r.Buttons, width); line != "" {
		b.WriteString(line)
		b.WriteString("\n")
	}
	b.WriteString("\n")
	io.WriteString(a.out, b.String())
	return id
}

// saveAttachment writes an attachment into the adapter's directory under
// its name (name-2.json, name-3.json … when taken) and returns the line
// that says where.
func (a *Adapter) saveAttachment(att *bot.Attachment) string {
	base := filepath.Base(cleanName(att.Name))
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for i := 1; i < 1000; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(a.dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err == nil {
			_, err = f.Write(att.Data)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			os.Remove(path)
			return fmt.Sprintf("📄 %s (%d bytes) could not be written: %v", name, len(att.Data), err)
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return fmt.Sprintf("📄 %s (%s)", path, size(len(att.Data)))
	}
	return fmt.Sprintf("📄 %s (%d bytes): no free file name in %s", base, len(att.Data), a.dir)
}

func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, name)
	if name == "" || name == "." || name == ".." {
		return "attachment"
	}
	return name
}

func size(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

// renderButtons numbers the buttons ("[/1 💡 提示]") and remembers them for
// /1, /2 …; form buttons are left out (in a terminal you just type).
func (a *Adapter) renderButtons(rows [][]bot.Button, width int) string {
	var parts []string
	var shown []bot.Button
	for _, row := range rows {
		for _, btn := range row {
			if btn.Form {
				continue
			}
			shown = append(shown, btn)
			label := btn.Label
			if btn.Suggested {
				label = "✓" + label
			}
			parts = append(parts, fmt.Sprintf("[/%d %s]", len(shown), safe(label)))
		}
	}
	if len(shown) > 0 {
		a.buttons = shown
	}
	return joinFitting(parts, width)
}

// joinFitting joins the buttons with spaces, starting a new line where
// the next would not fit in width columns (0: one line).
func joinFitting(parts []string, width int) string {
	var b strings.Builder
	cols := 0
	for i, p := range parts {
		w := uniseg.StringWidth(p)
		switch {
		case i == 0:
		case width > 0 && cols+1+w > width:
			b.WriteByte('\n')
			cols = 0
		default:
			b.WriteByte(' ')
			cols++
		}
		b.WriteString(p)
		cols += w
	}
	return b.String()
}

// columns returns the terminal's width now, 0 when output is not wrapped.
func (a *Adapter) columns() int {
	if a.width == nil {
		return 0
	}
	return a.width()
}

// safe drops control characters other than newline and tab from text
// bound for a terminal: an escape sequence in an answer, a note or a name
// must not retitle the window or move the cursor.
func safe(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
