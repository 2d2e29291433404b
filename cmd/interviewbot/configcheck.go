package main

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The YAML decoder reports a value of the wrong type as "line 17: cannot
// unmarshal !!str `1 second` into time.Duration". checkConfigNode walks the
// parsed file against the Config type first, by the yaml struct tags, and
// says instead which key is wrong and what form it wants.

var durationType = reflect.TypeOf(time.Duration(0))

// checkConfigNode checks node against rt, the type it decodes into, with
// path the key that leads to it ("" at the top). It returns the first
// unknown key or value of the wrong type, and rewrites durations given in
// days ("2d") as hours, which is what the decoder reads.
func checkConfigNode(n *yaml.Node, rt reflect.Type, path string) error {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if err := checkConfigNode(c, rt, path); err != nil {
				return err
			}
		}
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // an empty value keeps the default
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("line %d: %s: %s", n.Line, path, fmt.Sprintf(format, args...))
	}
	switch {
	case rt == durationType:
		if n.Kind != yaml.ScalarNode {
			return bad("want a duration, such as 1s, 500ms, 2h or 3d")
		}
		d, err := parseDuration(n.Value)
		if err != nil {
			return bad("%q is not a duration (e.g. 1s, 500ms, 2h, 3d)", n.Value)
		}
		n.Value, n.Tag, n.Style = d.String(), "!!str", 0
		return nil
	case rt.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return bad("want a section of keys, not %s", describeNode(n))
		}
		return checkSection(n, rt, path)
	case rt.Kind() == reflect.Slice:
		if n.Kind == yaml.ScalarNode && rt.Elem().Kind() == reflect.String && n.Value != "" {
			// One value where a list of words goes (paths: ~/notes) is a
			// list of one.
			one := *n
			*n = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: one.Line, Column: one.Column, Content: []*yaml.Node{&one}}
		}
		if n.Kind != yaml.SequenceNode {
			return bad("want a list, such as [a, b]")
		}
		for _, c := range n.Content {
			if err := checkConfigNode(c, rt.Elem(), path); err != nil {
				return err
			}
		}
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		return bad("want a single value, not %s", describeNode(n))
	}
	if err := n.Decode(reflect.New(rt).Interface()); err != nil {
		switch rt.Kind() {
		case reflect.Int, reflect.Int64:
			return bad("%q is not a whole number", n.Value)
		case reflect.Float64:
			return bad("%q is not a number", n.Value)
		case reflect.Bool:
			return bad("%q is not true or false", n.Value)
		default:
			return bad("%q cannot be read as %s", n.Value, rt)
		}
	}
	return nil
}

// checkSection checks each key of a mapping against the fields of rt.
func checkSection(n *yaml.Node, rt reflect.Type, path string) error {
	fields := map[string]reflect.StructField{}
	for i := range rt.NumField() {
		if f := rt.Field(i); f.IsExported() && yamlKey(f) != "-" {
			fields[yamlKey(f)] = f
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if path != "" {
			key = path + "." + k.Value
		}
		f, ok := fields[k.Value]
		if !ok {
			if near := nearestKey(k.Value, fields); near != "" {
				return fmt.Errorf("line %d: unknown key %s (did you mean %s?)", k.Line, key, near)
			}
			return fmt.Errorf("line %d: unknown key %s", k.Line, key)
		}
		if err := checkConfigNode(v, f.Type, key); err != nil {
			return err
		}
	}
	return nil
}

// yamlKey returns the key a struct field has in the file: its yaml tag's
// name, else the field name in lower case (the decoder's rule).
func yamlKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a section"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

var reDays = regexp.MustCompile(`(\d+(?:\.\d+)?)d`)

// parseDuration reads a Go duration that may also count days: "2d" is
// 48h, "1d12h" 36h.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	s = reDays.ReplaceAllStringFunc(s, func(m string) string {
		days, _ := strconv.ParseFloat(strings.TrimSuffix(m, "d"), 64)
		return strconv.FormatFloat(days*24, 'f', -1, 64) + "h"
	})
	return time.ParseDuration(s)
}

// tabIndented returns the first line indented with a tab, or 0: YAML
// forbids tabs in indentation, and the parser's message for one does not
// say so.
func tabIndented(data []byte) int {
	for i, line := range strings.Split(string(data), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if strings.Contains(indent, "\t") && strings.TrimSpace(line) != "" {
			return i + 1
		}
	}
	return 0
}

// nearestKey returns the key of fields within two edits of key (a typo:
// practise for practice, tokn for token), or "".
func nearestKey(key string, fields map[string]reflect.StructField) string {
	best, bestDist := "", 3
	for name := range fields {
		if d := editDistance(key, name); d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
