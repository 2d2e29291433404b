// Package i18n is the message catalog: every text the bot shows a person,
// in every language it speaks. Each language is one YAML file in this
// directory (zh.yaml, en.yaml): a third language is a third file. An entry
// is a key and a fmt format, or for words that change with a number, one
// format per CLDR plural form (one, other, few …), chosen by the entry's
// first integer argument.
package i18n

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Fallback is the language whose entries stand in for entries another
// language lacks.
const Fallback = "en"

//go:embed *.yaml
var files embed.FS

// Catalog holds the entries of every language.
type Catalog struct {
	langs map[string]map[string]Entry
	tags  map[string]language.Tag
}

// Entry is one message in one language: a format, or formats by plural
// form.
type Entry struct {
	Text   string
	Plural map[plural.Form]string
}

// UnmarshalYAML reads a format, or a mapping of plural forms to formats.
func (e *Entry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Text = n.Value
		return nil
	}
	var forms map[string]string
	if err := n.Decode(&forms); err != nil {
		return fmt.Errorf("line %d: want a text or plural forms: %w", n.Line, err)
	}
	e.Plural = map[plural.Form]string{}
	for name, text := range forms {
		f, ok := formNames[name]
		if !ok {
			return fmt.Errorf("line %d: plural form %q: want zero, one, two, few, many or other", n.Line, name)
		}
		e.Plural[f] = text
	}
	if _, ok := e.Plural[plural.Other]; !ok {
		return fmt.Errorf("line %d: plural forms need other", n.Line)
	}
	return nil
}

var formNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two, "few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// Default returns the catalog built into the binary.
var Default = sync.OnceValue(func() *Catalog {
	c, err := Load(files)
	if err != nil {
		panic("i18n: built-in catalog: " + err.Error()) // a test guards this
	}
	return c
})

// Load reads every *.yaml file of fsys as a language named by the file.
func Load(fsys embed.FS) (*Catalog, error) {
	names, err := fsys.ReadDir(".")
	if err != nil {
		return nil, err
	}
	c := &Catalog{langs: map[string]map[string]Entry{}, tags: map[string]language.Tag{}}
	for _, f := range names {
		lang, ok := strings.CutSuffix(f.Name(), ".yaml")
		if !ok {
			continue
		}
		data, err := fsys.ReadFile(path.Join(".", f.Name()))
		if err != nil {
			return nil, err
		}
		entries := map[string]Entry{}
		if err := yaml.Unmarshal(data, &entries); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name(), err)
		}
		tag, err := language.Parse(lang)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name(), err)
		}
		c.langs[lang], c.tags[lang] = entries, tag
	}
	if _, ok := c.langs[Fallback]; !ok {
		return nil, fmt.Errorf("no %s.yaml", Fallback)
	}
	return c, nil
}

// Langs returns the catalog's languages, sorted.
func (c *Catalog) Langs() []string {
	out := make([]string, 0, len(c.langs))
	for l := range c.langs {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the catalog speaks lang.
func (c *Catalog) Has(lang string) bool { _, ok := c.langs[lang]; return ok }

// Keys returns the keys of a language, sorted.
func (c *Catalog) Keys(lang string) []string {
	out := make([]string, 0, len(c.langs[lang]))
	for k := range c.langs[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Entry returns the entry of key in lang, and whether there is one.
func (c *Catalog) Entry(lang, key string) (Entry, bool) {
	e, ok := c.langs[lang][key]
	return e, ok
}

// Text formats the entry of key in lang with args, falling back to the
// fallback language's entry; a key no language has reads "⟦key⟧".
func (c *Catalog) Text(lang, key string, args ...any) string {
	e, ok := c.langs[lang][key]
	if !ok {
		lang = Fallback
		if e, ok = c.langs[lang][key]; !ok {
			return "⟦" + key + "⟧"
		}
	}
	format := e.Text
	if e.Plural != nil {
		format = e.Plural[c.form(lang, args)]
		if format == "" {
			format = e.Plural[plural.Other]
		}
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// form is the plural form the first integer argument calls for in lang.
func (c *Catalog) form(lang string, args []any) plural.Form {
	for _, a := range args {
		if n, ok := a.(int); ok {
			if n < 0 {
				n = -n
			}
			return plural.Cardinal.MatchPlural(c.tags[lang], n, 0, 0, 0, 0)
		}
	}
	return plural.Other
}
