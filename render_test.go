package actions_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

var update = flag.Bool("update", false, "rewrite golden files")

func saveDraft(ctx context.Context, form *actions.FormData) (string, error) {
	return "draft saved: " + form.Get("title"), nil
}

func publishPost(ctx context.Context, version int, form *actions.FormData) (string, error) {
	return "published " + form.Get("title") + " at version " + fmt.Sprint(version), nil
}

const editorPage = `<!doctype html>
<title>Editor</title>
<form {{actionForm}}>{{actionFields .Save}}
  <input name="title" value="Hello">
  <button type="submit">Save</button>
  <button {{actionButton .Publish}}>Publish{{actionButtonFields .Publish}}</button>
</form>
<form {{actionForm}} id="bound">{{actionFields .Publish}}<input name="title" value="Bound"></form>
{{actionsScript "n0nce"}}
`

// hiddenInput matches the inputs the helpers write.
var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)

func TestFormHelpersRenderWorkingForms(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	app.registry.SetKeys("6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA")
	save := app.registry.Register(saveDraft)
	pub := app.registry.Register(publishPost, actions.Bound(1))
	tmpl := template.Must(template.New("page").Funcs(app.server.FuncMap()).Parse(editorPage))
	var out bytes.Buffer
	if err := tmpl.Execute(&out, map[string]any{"Save": save, "Publish": pub.Bind(3)}); err != nil {
		t.Fatal(err)
	}
	page := out.String()

	t.Run("the page matches the golden file, seals and prefixes aside", func(t *testing.T) {
		normal := regexp.MustCompile(`[A-Za-z0-9_-]{40,}`).ReplaceAllString(page, `SEAL`)
		normal = regexp.MustCompile(`ACTION_(REF_)?[0-9a-f]{10}`).ReplaceAllString(normal, "ACTION_${1}PREFIX")
		normal = strings.ReplaceAll(normal, save.ID(), "SAVE_ID")
		normal = strings.ReplaceAll(normal, pub.ID(), "PUBLISH_ID")
		normal = regexp.MustCompile(`runtime\.[0-9a-f]{12}\.js`).ReplaceAllString(normal, "runtime.HASH.js")
		golden := "testdata/render/editor.html"
		if *update {
			os.WriteFile(golden, []byte(normal), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil || string(want) != normal {
			t.Errorf("rendered page differs from %s (run with -update after checking):\n%s", golden, normal)
		}
	})

	// post submits the fields of one rendered form, plus the submitter's
	// name when a button was pressed, as a browser does.
	post := func(form string, submitter string) *httptest.ResponseRecorder {
		var pairs []string
		for _, m := range hiddenInput.FindAllStringSubmatch(form, -1) {
			pairs = append(pairs, html.UnescapeString(m[1]), html.UnescapeString(m[2]))
		}
		pairs = append(pairs, "title", "Hello")
		if submitter != "" {
			pairs = append(pairs, submitter, "")
		}
		return app.postForm("application/x-www-form-urlencoded", urlencoded(pairs...))
	}
	forms := strings.Split(page, "</form>")
	t.Run("the form's own action", func(t *testing.T) {
		if rec := post(forms[0], ""); !strings.Contains(rec.Body.String(), `result="draft saved: Hello"`) {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a button with its own bound action", func(t *testing.T) {
		name := regexp.MustCompile(`<button type="submit" name="([^"]+)"`).FindStringSubmatch(forms[0])[1]
		if rec := post(forms[0], html.UnescapeString(name)); !strings.Contains(rec.Body.String(), `result="published Hello at version 3"`) {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a form bound to an action with a sealed argument", func(t *testing.T) {
		if rec := post(forms[1], ""); !strings.Contains(rec.Body.String(), `result="published Hello at version 3"`) {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("rendering an action with bound parameters unbound is an error", func(t *testing.T) {
		err := tmpl.Execute(&bytes.Buffer{}, map[string]any{"Save": pub, "Publish": pub.Bind(1)})
		if err == nil || !strings.Contains(err.Error(), "Bind") {
			t.Errorf("%v", err)
		}
	})
	t.Run("templ components render the same fields", func(t *testing.T) {
		var b bytes.Buffer
		if err := actions.FormFields(save).Render(context.Background(), &b); err != nil || b.String() != `<input type="hidden" name="$ACTION_ID_`+save.ID()+`" value="">` {
			t.Errorf("%q %v", b.String(), err)
		}
		if attrs := actions.ButtonAttrs(save); attrs["name"] != "$ACTION_ID_"+save.ID() {
			t.Errorf("%v", attrs)
		}
	})
}

func TestAssets(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	app.registry.Register(like, actions.Name("example.com/app/posts.incrementLike"))
	app.registry.Register(saveDraft, actions.Name("example.com/app/drafts.save"))
	app.registry.Register(saveDraft, actions.Name("example.com/app/posts.save"))
	app.registry.Register(publishPost, actions.Bound(1))
	app.registry.Register(noop, actions.Name("example.com/app/x.delete"))
	app.registry.Register(noop, actions.Name("example.com/app/views.count"), actions.Parallel())
	assets := app.server.Assets()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		assets.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	for _, url := range []string{app.server.RuntimeURL(), app.server.ModuleURL()} {
		rec := get(url)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/javascript; charset=utf-8" ||
			!strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %v", url, rec.Code, rec.Header())
		}
	}
	module := get(app.server.ModuleURL()).Body.String()
	for _, want := range []string{
		`import { createAction } from "./runtime.`,
		`export const incrementLike = createAction("`,
		`export const draftsSave = createAction("`,
		`export const postsSave = createAction("`,
		`export const deleteAction = createAction("`,
		`", { parallel: true });`,
	} {
		if !strings.Contains(module, want) {
			t.Errorf("module lacks %q:\n%s", want, module)
		}
	}
	if strings.Contains(module, "publishPost") {
		t.Errorf("an action with bound parameters must not be exported:\n%s", module)
	}
	if rec := get("/_actions/runtime.000000000000.js"); rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("an outdated runtime URL (a page from before a deploy) must get today's runtime, uncached: %d %v", rec.Code, rec.Header())
	}
	if rec := get("/_actions/actions.000000000000.js"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "incrementLike") {
		t.Errorf("an outdated module URL must get today's module: %d", rec.Code)
	}
	for _, path := range []string{"/_actions/other.js", "/_actions/runtime.js.map", "/elsewhere/runtime.000000000000.js"} {
		if rec := get(path); rec.Code != 404 {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	assets.ServeHTTP(rec, httptest.NewRequest("POST", app.server.RuntimeURL(), nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
	before := app.server.ModuleURL()
	app.registry.Register(signOut)
	if app.server.ModuleURL() == before {
		t.Errorf("registering an action must change the module's URL")
	}
}
