package main

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/goactions/actions"
)

// Contact: required fields and type=email in the HTML, checked again here.

type contactForm struct {
	Name    string `form:"name"`
	Email   string `form:"email"`
	Message string `form:"message"`
}

func (a *App) sendContact(ctx context.Context, in contactForm) (string, error) {
	in.Name, in.Email, in.Message = strings.TrimSpace(in.Name), strings.TrimSpace(in.Email), strings.TrimSpace(in.Message)
	fields := map[string][]string{}
	if in.Name == "" {
		fields["name"] = []string{"Tell us your name."}
	}
	if !validEmail(in.Email) {
		fields["email"] = []string{"Enter an email address like name@example.com."}
	}
	if in.Message == "" {
		fields["message"] = []string{"Write a message."}
	}
	if len(fields) > 0 {
		return "", actions.Invalid("", fields)
	}
	if _, err := a.db.ExecContext(ctx, `INSERT INTO contacts (name, email, message, created_at) VALUES (?, ?, ?, ?)`,
		in.Name, in.Email, in.Message, time.Now().UnixMilli()); err != nil {
		return "", err
	}
	return "Thank you, " + in.Name + ". We will write back to " + in.Email + ".", nil
}

// validEmail accepts a bare address (no display name), as type=email does.
func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// Messages: a thread with optimistic sending; an empty message fails and
// the optimistic item is rolled back.

type messageForm struct {
	Text string `form:"text"`
}

func (a *App) sendMessage(ctx context.Context, in messageForm) error {
	text := strings.TrimSpace(in.Text)
	if text == "" {
		return actions.Invalid("", map[string][]string{"text": {"An empty message cannot be sent."}})
	}
	if _, err := a.db.ExecContext(ctx, `INSERT INTO messages (text, created_at) VALUES (?, ?)`, text, time.Now().UnixMilli()); err != nil {
		return err
	}
	// The page is sent back with the message saved, in place of the
	// optimistic one.
	actions.RevalidatePath(ctx, "/messages")
	return nil
}

func (a *App) loadMessages(r *http.Request) ([]string, error) {
	return a.column(r.Context(), `SELECT text FROM messages ORDER BY id LIMIT 200`)
}

// Profile: the user's id is bound to the action when the page renders
// (React's updateName.bind(null, userId)), sealed, so the form cannot
// change whose name it updates.

type nameForm struct {
	Name string `form:"name"`
}

func (a *App) updateName(ctx context.Context, userID int, in nameForm) (string, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return "", actions.Invalid("", map[string][]string{"name": {"Your name cannot be empty."}})
	}
	res, err := a.db.ExecContext(ctx, `UPDATE users SET name = ? WHERE id = ?`, name, userID)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", actions.NotFound("This user no longer exists.")
	}
	actions.RevalidatePath(ctx, "/profile")
	return "Saved. Hello, " + name + ".", nil
}

type profileView struct {
	UserID     int
	Name       string
	UpdateName *actions.Ref
}

// currentUser is the signed-in user: always user 1 in the demo.
const currentUser = 1

func (a *App) loadProfile(r *http.Request) (profileView, error) {
	v := profileView{UserID: currentUser, UpdateName: a.UpdateName.Bind(currentUser)}
	err := a.db.QueryRowContext(r.Context(), `SELECT name FROM users WHERE id = ?`, currentUser).Scan(&v.Name)
	return v, err
}

// Editor: one form, two buttons with their own actions. Publish is bound
// to the version the page showed (a sealed value captured at render time)
// and refuses when the document changed since.

type docForm struct {
	Title string `form:"title"`
}

type document struct {
	ID               int
	Version          int
	Draft, Published string
}

const docID = 1

func (a *App) saveDraft(ctx context.Context, in docForm) (string, error) {
	title := strings.TrimSpace(in.Title)
	if title == "" {
		return "", actions.Invalid("", map[string][]string{"title": {"Give the draft a title."}})
	}
	if _, err := a.db.ExecContext(ctx, `UPDATE documents SET draft = ?, version = version + 1 WHERE id = ?`, title, docID); err != nil {
		return "", err
	}
	actions.RevalidatePath(ctx, "/editor")
	return "Draft saved.", nil
}

func (a *App) publish(ctx context.Context, id, version int, in docForm) (string, error) {
	title := strings.TrimSpace(in.Title)
	if title == "" {
		return "", actions.Invalid("", map[string][]string{"title": {"Give the article a title."}})
	}
	res, err := a.db.ExecContext(ctx, `UPDATE documents SET draft = ?, published = ?, version = version + 1 WHERE id = ? AND version = ?`,
		title, title, id, version)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", actions.Conflict("The version has changed since pressing publish.")
	}
	actions.RevalidatePath(ctx, "/editor")
	return "Published.", nil
}

type editorView struct {
	Doc     document
	Publish *actions.Ref // bound to the version shown
}

func (a *App) loadEditor(r *http.Request) (editorView, error) {
	var d document
	err := a.db.QueryRowContext(r.Context(), `SELECT id, version, draft, published FROM documents WHERE id = ?`, docID).
		Scan(&d.ID, &d.Version, &d.Draft, &d.Published)
	if errors.Is(err, sql.ErrNoRows) {
		return editorView{}, errNotFound
	}
	if err != nil {
		return editorView{}, err
	}
	return editorView{Doc: d, Publish: a.Publish.Bind(d.ID, d.Version)}, nil
}
