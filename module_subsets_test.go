package actions_test

import (
	"html/template"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

func TestModuleURLWithNamesExportsThoseActionsOnly(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	app.registry.Register(like, actions.Name("example.com/app/posts.incrementLike"))
	app.registry.Register(noop, actions.Name("example.com/app/views.count"), actions.Parallel())
	app.registry.Register(noop, actions.Name("example.com/app/x.delete"))
	assets := app.server.Assets()
	get := func(url string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		assets.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		return rec
	}
	url := app.server.ModuleURL("incrementLike", "count")
	rec := get(url)
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Fatalf("%s: %d %v", url, rec.Code, rec.Header())
	}
	module := rec.Body.String()
	for _, want := range []string{`import { createAction } from "./runtime.`, `export const incrementLike = createAction("`, `export const count = createAction("`} {
		if !strings.Contains(module, want) {
			t.Errorf("module lacks %q:\n%s", want, module)
		}
	}
	if strings.Contains(module, "deleteAction") {
		t.Errorf("the module exports an action not asked for:\n%s", module)
	}
	var page strings.Builder
	tmpl := template.Must(template.New("page").Funcs(app.server.FuncMap()).Parse(`{{actionsModule "incrementLike" "count"}}`))
	if err := tmpl.Execute(&page, nil); err != nil || page.String() != url {
		t.Errorf("the template function gives %q, %v; want %q", page.String(), err, url)
	}
	if again := app.server.ModuleURL("count", "incrementLike", "count"); again != url {
		t.Errorf("the same names in another order: %s, want %s", again, url)
	}
	if all := app.server.ModuleURL(); all == url || !strings.Contains(get(all).Body.String(), "deleteAction") {
		t.Errorf("ModuleURL() must still export every action")
	}

	// A deploy adds an action: a page rendered before it still gets a
	// module exporting what it imports.
	app.registry.Register(signOut)
	if rec := get(url); rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" || !strings.Contains(rec.Body.String(), "incrementLike") {
		t.Errorf("an outdated module of some actions: %d %v", rec.Code, rec.Header())
	}
	// Rendered again, the page names the module made anew (the same
	// bytes, so the same URL), cached for good again.
	if rec := get(app.server.ModuleURL("incrementLike", "count")); rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("after a registration the module of some actions must be made again: %d %v", rec.Code, rec.Header())
	}
}

func TestModuleURLPanicsNamingAnUnknownAction(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	app.registry.Register(like, actions.Name("example.com/app/posts.incrementLike"))
	app.registry.Register(publishPost, actions.Bound(1))
	defer func() {
		p := recover()
		if p == nil || !strings.Contains(p.(string), "named incremnetLike, publishPost") {
			t.Fatalf("panic %v, want one naming the typo and the bound action", p)
		}
	}()
	app.server.ModuleURL("incrementLike", "incremnetLike", "publishPost")
}

// Modules of some actions are bounded: past 256 sets of names, a page gets
// the module of every action, which exports what it imports too.
func TestModulesOfSomeActionsAreBounded(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	names := []string{"a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9"}
	for _, n := range names {
		app.registry.Register(noop, actions.Name("example.com/app/x."+n))
	}
	all := app.server.ModuleURL()
	urls := map[string]bool{}
	for set := 1; set <= 257; set++ {
		var some []string
		for i, n := range names {
			if set&(1<<i) != 0 {
				some = append(some, n)
			}
		}
		urls[app.server.ModuleURL(some...)] = true
	}
	if len(urls) != 257 || !urls[all] {
		t.Fatalf("%d distinct URLs for 257 sets of names, the module of every action among them: %v; want 256 modules and then that one", len(urls), urls[all])
	}
}
