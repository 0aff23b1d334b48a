package main

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goactions/actions"
)

// Sign up: the Next.js docs validate with zod and return the errors as the
// form's state. The Go counterpart is a schema of checks per field, run
// all at once, whose messages become the action's field errors, which the
// page renders next to the inputs (without JavaScript too).

type signupForm struct {
	Username string `form:"username"`
	Email    string `form:"email"`
	Password string `form:"password"`
}

// A check returns what is wrong with a value, or "".
type check func(string) string

func minLen(n int, msg string) check {
	return func(s string) string { return cond(utf8.RuneCountInString(s) >= n, msg) }
}

func maxLen(n int, msg string) check {
	return func(s string) string { return cond(utf8.RuneCountInString(s) <= n, msg) }
}

func matches(re *regexp.Regexp, msg string) check {
	return func(s string) string { return cond(re.MatchString(s), msg) }
}

func email(msg string) check { return func(s string) string { return cond(validEmail(s), msg) } }

func cond(ok bool, msg string) string {
	if ok {
		return ""
	}
	return msg
}

// validate runs every check of every field and returns the messages of
// the fields that fail, as actions.Invalid takes them.
func validate(values map[string]string, schema map[string][]check) map[string][]string {
	errs := map[string][]string{}
	for field, checks := range schema {
		for _, c := range checks {
			if msg := c(values[field]); msg != "" {
				errs[field] = append(errs[field], msg)
			}
		}
	}
	return errs
}

var signupSchema = map[string][]check{
	"username": {
		minLen(3, "Be at least 3 characters long."),
		maxLen(20, "Be at most 20 characters long."),
		matches(regexp.MustCompile(`^[a-z0-9_]*$`), "Use lower-case letters, digits and _ only."),
	},
	"email": {email("Please enter a valid email.")},
	"password": {
		minLen(8, "Be at least 8 characters long."),
		matches(regexp.MustCompile(`[a-zA-Z]`), "Contain at least one letter."),
		matches(regexp.MustCompile(`[0-9]`), "Contain at least one number."),
	},
}

// signUp creates the account (the demo keeps no password: it shows the
// validation, not authentication), signs the user in with a cookie and
// sends them to the dashboard.
func (a *App) signUp(ctx context.Context, in signupForm) error {
	in.Username, in.Email = strings.TrimSpace(in.Username), strings.TrimSpace(in.Email)
	errs := validate(map[string]string{"username": in.Username, "email": in.Email, "password": in.Password}, signupSchema)
	if len(errs) > 0 {
		return actions.Invalid("Please fix the errors below.", errs)
	}
	_, err := a.db.ExecContext(ctx, `INSERT INTO accounts (username, email, created_at) VALUES (?, ?, ?)`,
		in.Username, in.Email, time.Now().UnixMilli())
	if isUniqueViolation(err) {
		return actions.Invalid("", map[string][]string{"username": {"That username is taken."}})
	}
	if err != nil {
		return err
	}
	actions.SetCookie(ctx, &http.Cookie{Name: "demo_user", Value: in.Username, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return actions.Redirect("/dashboard")
}

// loadDashboard is the signed-in user's name, "" when nobody is.
func (a *App) loadDashboard(r *http.Request) (string, error) {
	c, err := r.Cookie("demo_user")
	if err != nil {
		return "", nil
	}
	return c.Value, nil
}
