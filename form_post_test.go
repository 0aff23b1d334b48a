package actions_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

func signUp(ctx context.Context, form *actions.FormData) (string, error) {
	fields := map[string][]string{}
	if !strings.Contains(form.Get("email"), "@") {
		fields["email"] = []string{"Enter an email address."}
	}
	if len(form.Get("password")) < 8 {
		fields["password"] = []string{"Use at least 8 characters."}
	}
	if len(fields) > 0 {
		return "", actions.Invalid("", fields)
	}
	actions.SetCookie(ctx, &http.Cookie{Name: "session", Value: "s1", Path: "/", HttpOnly: true})
	if form.Get("next") != "" {
		return "", actions.Redirect(form.Get("next"))
	}
	return "welcome " + form.Get("email"), nil
}

// urlencoded builds a form body as a browser posts it, fields in order.
func urlencoded(pairs ...string) string {
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, url.QueryEscape(pairs[i])+"="+url.QueryEscape(pairs[i+1]))
	}
	return strings.Join(parts, "&")
}

func multipartForm(tb testing.TB, pairs ...string) (string, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := mw.WriteField(pairs[i], pairs[i+1]); err != nil {
			tb.Fatal(err)
		}
	}
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

func (app *testApp) postForm(contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/page", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	app.handler.ServeHTTP(rec, req)
	return rec
}

func TestFormPostsWithoutJavaScript(t *testing.T) {
	app := newTestApp(t, actions.Options{MaxBodyBytes: 4096})
	sign := app.registry.Register(signUp)
	idField := "$ACTION_ID_" + sign.ID()
	const form = "application/x-www-form-urlencoded"

	t.Run("a successful action renders the page again as a GET with the result, inputs fresh", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "email", "a@b.example", "password", "longenough"))
		want := `page GET after ` + sign.Name() + `; result="welcome a@b.example"; message=; fields=null; values=`
		if rec.Code != 200 || rec.Body.String() != want {
			t.Errorf("%d %s\nwant %s", rec.Code, rec.Body, want)
		}
		if got := rec.Header().Get("Set-Cookie"); !strings.HasPrefix(got, "session=s1") {
			t.Errorf("Set-Cookie %q: the action's cookie is lost", got)
		}
	})
	t.Run("field errors and typed values reach the page, never the password", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "email", "nope", "password", "short", "name", "Ann"))
		want := `page GET after ` + sign.Name() + `; result=null; message=Please correct the highlighted fields.; ` +
			`fields={"email":["Enter an email address."],"password":["Use at least 8 characters."]}; values=email=nope&name=Ann`
		if rec.Code != http.StatusUnprocessableEntity || rec.Body.String() != want {
			t.Errorf("%d %s\nwant %s", rec.Code, rec.Body, want)
		}
	})
	t.Run("multipart forms work the same", func(t *testing.T) {
		body, ct := multipartForm(t, idField, "", "email", "m@b.example", "password", "longenough")
		rec := app.postForm(ct, body)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `result="welcome m@b.example"`) {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a redirect is 303 See Other, with the action's cookies", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "email", "a@b.example", "password", "longenough", "next", "/dashboard"))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/dashboard" {
			t.Errorf("%d Location %q", rec.Code, rec.Header().Get("Location"))
		}
		if !strings.HasPrefix(rec.Header().Get("Set-Cookie"), "session=s1") {
			t.Errorf("Set-Cookie %q", rec.Header().Get("Set-Cookie"))
		}
	})
	t.Run("a redirect off the site is refused", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "email", "a@b.example", "password", "longenough", "next", "//evil.example/x"))
		if rec.Code != 500 || rec.Header().Get("Location") != "" || !strings.Contains(rec.Body.String(), "reference ") {
			t.Errorf("%d Location %q %s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
	})
	t.Run("a form that names no action reaches the page untouched", func(t *testing.T) {
		body := urlencoded("q", "shoes", "page", "2")
		rec := app.postForm(form, body)
		if want := "page got a plain POST: " + body; rec.Body.String() != want {
			t.Errorf("got %q, want %q", rec.Body, want)
		}
	})
	t.Run("a large upload that names no action reaches the page whole", func(t *testing.T) {
		body := urlencoded("blob", strings.Repeat("x", 10000))
		rec := app.postForm(form, body)
		if want := "page got a plain POST: " + body; rec.Body.String() != want {
			t.Errorf("the page got %d bytes, want %d", rec.Body.Len(), len(want))
		}
	})
	t.Run("an action form over the limit is a 413 that says the limit", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "email", strings.Repeat("x", 5000)))
		if rec.Code != 413 || !strings.Contains(rec.Body.String(), "4 KiB") {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a stale action id renders the page again with what the user typed", func(t *testing.T) {
		rec := app.postForm(form, urlencoded("$ACTION_ID_"+strings.Repeat("0", 24), "", "email", "kept@b.example", "password", "secret"))
		if rec.Code != http.StatusConflict || rec.Header().Get(actions.HeaderStale) != "1" {
			t.Errorf("status %d, stale header %q", rec.Code, rec.Header().Get(actions.HeaderStale))
		}
		if b := rec.Body.String(); !strings.Contains(b, "values=email=kept@b.example") || !strings.Contains(b, "out of date") || strings.Contains(b, "secret") {
			t.Errorf("page: %s", b)
		}
	})
	t.Run("a malformed action id is a 400", func(t *testing.T) {
		rec := app.postForm(form, urlencoded("$ACTION_ID_<script>", ""))
		if rec.Code != 400 {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a GET with action fields is just a page view", func(t *testing.T) {
		req := httptest.NewRequest("GET", "/page?"+urlencoded(idField, ""), nil)
		rec := httptest.NewRecorder()
		app.handler.ServeHTTP(rec, req)
		if rec.Body.String() != "page GET" {
			t.Errorf("%s", rec.Body)
		}
	})
}

type newPost struct {
	Title   string   `form:"title"`
	Content string   `form:"content"`
	Tags    []string `form:"tags"`
	Stars   int      `form:"stars"`
	Author  struct {
		Email string `form:"email"`
	} `form:"author"`
}

func createPostFromStruct(ctx context.Context, in newPost) (newPost, error) {
	if in.Title == "" {
		return newPost{}, actions.Invalid("", map[string][]string{"title": {"Give your post a title."}})
	}
	return in, nil
}

func TestFormIntoStruct(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	create := app.registry.Register(createPostFromStruct)
	idField := "$ACTION_ID_" + create.ID()
	const form = "application/x-www-form-urlencoded"
	t.Run("fields by name, repeated ones into slices, nested by dots", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "title", "Hi", "content", "Body", "tags", "go", "tags", "web", "stars", "5", "author.email", "a@b.example"))
		want := `result={"Title":"Hi","Content":"Body","Tags":["go","web"],"Stars":5,"Author":{"Email":"a@b.example"}}`
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%d %s\nwant %s", rec.Code, rec.Body, want)
		}
	})
	t.Run("conversion failures are per-field errors and the action does not run", func(t *testing.T) {
		rec := app.postForm(form, urlencoded(idField, "", "title", "Hi", "stars", "lots"))
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `fields={"stars":["must be a whole number"]}`) || !strings.Contains(rec.Body.String(), "values=title=Hi&stars=lots") {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a script posting FormData gets the same decoding", func(t *testing.T) {
		f := &actions.FormData{}
		f.Append("title", "From JS")
		f.Append("stars", "3")
		_, v, err := app.callJS(create.ID(), f)
		if err != nil || !strings.Contains(jsonText(v), `"Title":"From JS"`) {
			t.Errorf("%v %v", v, err)
		}
	})
}

func uploadAvatar(ctx context.Context, form *actions.FormData) (int64, error) {
	f, ok := form.File("avatar")
	if !ok {
		return 0, actions.Invalid("", map[string][]string{"avatar": {"Choose a picture."}})
	}
	return f.Size(), nil
}

func TestAnUploadActionMayAllowMoreThanTheRoute(t *testing.T) {
	app := newTestApp(t, actions.Options{MaxBodyBytes: 1024})
	up := app.registry.Register(uploadAvatar, actions.MaxBodyBytes(64<<10))
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("$ACTION_ID_"+up.ID(), "")
	fw, _ := mw.CreateFormFile("avatar", "me.png")
	fw.Write(bytes.Repeat([]byte{7}, 20000))
	mw.Close()
	rec := app.postForm(mw.FormDataContentType(), buf.String())
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "result=20000") {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
}
