package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot/i18n"
)

// dynamicKeys are catalog key prefixes the code completes at run time.
var dynamicKeys = []string{"spec.", "cmd.", "chart.", "language."}

// TestCatalogKeysInCode checks the code against the catalog: every key
// the code names exists, and every key of the catalog is used.
func TestCatalogKeysInCode(t *testing.T) {
	c := i18n.Default()
	used := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("../cmd/interviewbot/*.go")
	for _, dir := range []string{"engine", "chart", "console", "telegram", "discord"} {
		adapter, _ := filepath.Glob(dir + "/*.go")
		more = append(more, adapter...)
	}
	fset := token.NewFileSet()
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "t" && sel.Sel.Name != "text" && sel.Sel.Name != "Text") {
				return true
			}
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				key, _ := strconv.Unquote(lit.Value)
				if !strings.Contains(key, ".") || strings.ContainsAny(key, " %") {
					continue
				}
				used[key] = true
				if _, ok := c.Entry(i18n.Fallback, key); !ok {
					t.Errorf("%s: key %q is not in the catalog", fset.Position(lit.Pos()), key)
				}
			}
			return true
		})
	}
	for _, k := range c.Keys(i18n.Fallback) {
		dynamic := false
		for _, p := range dynamicKeys {
			dynamic = dynamic || strings.HasPrefix(k, p)
		}
		if !used[k] && !dynamic {
			t.Errorf("catalog key %q is not used", k)
		}
	}
}
