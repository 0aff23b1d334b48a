package main

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goactions/actions"
)

// Posts: the page of ../shared/bench/nextjs/app/posts, so that the same
// load drives both: the newest 50 posts and the total, a create form, a
// like button calling an action from script.

type post struct {
	ID             int64
	Title, Content string
	Created        time.Time
}

type postForm struct {
	Title   string `form:"title"`
	Content string `form:"content"`
}

// createPost checks the form on the server (the browser's required
// attributes are a convenience, not a check), saves the post and sends
// the user to it.
func (a *App) createPost(ctx context.Context, in postForm) error {
	title, content := strings.TrimSpace(in.Title), strings.TrimSpace(in.Content)
	fields := map[string][]string{}
	switch {
	case title == "":
		fields["title"] = []string{"Give your post a title."}
	case utf8.RuneCountInString(title) > 120:
		fields["title"] = []string{"Keep the title under 120 characters."}
	}
	switch {
	case content == "":
		fields["content"] = []string{"Write something first."}
	case utf8.RuneCountInString(content) > 10000:
		fields["content"] = []string{"Keep the post under 10,000 characters."}
	}
	if len(fields) > 0 {
		return actions.Invalid("", fields)
	}
	// RETURNING, not LastInsertId, which PostgreSQL's driver lacks.
	var id int64
	err := a.db.QueryRowContext(ctx, `INSERT INTO posts (title, content, created_at) VALUES (?, ?, ?) RETURNING id`,
		title, content, time.Now().UnixMilli()).Scan(&id)
	if err != nil {
		return err
	}
	actions.RevalidatePath(ctx, "/posts")
	return actions.Redirect("/posts/" + strconv.FormatInt(id, 10))
}

// incrementLike is the like button's action: one more like, and the
// count now.
func (a *App) incrementLike(ctx context.Context) (int, error) {
	var n int
	err := a.db.QueryRowContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'likes' RETURNING value`).Scan(&n)
	return n, err
}

type postsView struct {
	Posts []post
	Total int
	Likes int
}

func (a *App) loadPosts(r *http.Request) (postsView, error) {
	ctx := r.Context()
	var v postsView
	rows, err := a.rdb.QueryContext(ctx, `SELECT id, title, content, created_at FROM posts ORDER BY id DESC LIMIT 50`)
	if err != nil {
		return v, err
	}
	defer rows.Close()
	for rows.Next() {
		var p post
		var created int64
		if err := rows.Scan(&p.ID, &p.Title, &p.Content, &created); err != nil {
			return v, err
		}
		p.Created = time.UnixMilli(created)
		v.Posts = append(v.Posts, p)
	}
	if err := rows.Err(); err != nil {
		return v, err
	}
	err = a.rdb.QueryRowContext(ctx, `SELECT (SELECT value FROM counters WHERE name = 'posts'),
		(SELECT value FROM counters WHERE name = 'likes')`).Scan(&v.Total, &v.Likes)
	return v, err
}

func (a *App) loadPost(r *http.Request) (post, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return post{}, errNotFound
	}
	var p post
	var created int64
	err = a.rdb.QueryRowContext(r.Context(), `SELECT id, title, content, created_at FROM posts WHERE id = ?`, id).
		Scan(&p.ID, &p.Title, &p.Content, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return p, errNotFound
	}
	p.Created = time.UnixMilli(created)
	return p, err
}
