package main

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/goactions/actions"
)

// Subscribe: the action is defined next to the page that uses it, Go's
// counterpart of an inline 'use server' function. It captures nothing
// from the render: what it needs comes from the form.

type subscribeForm struct {
	Email string `form:"email"`
}

func (a *App) subscribe(ctx context.Context, in subscribeForm) (string, error) {
	email := strings.TrimSpace(in.Email)
	if !validEmail(email) {
		return "", actions.Invalid("", map[string][]string{"email": {"Enter an email address like name@example.com."}})
	}
	if _, err := a.db.ExecContext(ctx, `INSERT INTO subscribers (email, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		email, time.Now().UnixMilli()); err != nil {
		return "", err
	}
	return "Subscribed " + email + ". Watch your inbox.", nil
}

func (a *App) loadSubscribers(r *http.Request) (int, error) {
	var n int
	err := a.db.QueryRowContext(r.Context(), `SELECT COUNT(*) FROM subscribers`).Scan(&n)
	return n, err
}
