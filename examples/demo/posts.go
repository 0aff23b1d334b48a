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
	"github.com/goactions/actions/cache"
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
	// RETURNING, not LastInsertId, which PostgreSQL's driver lacks; in a
	// batch with the posts created meanwhile (postwriter.go).
	id, err := a.posts.create(title, content, time.Now().UnixMilli())
	if err != nil {
		return err
	}
	actions.RevalidatePath(ctx, "/posts")
	return actions.Redirect("/posts/" + strconv.FormatInt(id, 10))
}

// incrementLike is the like button's action: one more like, and the
// count now (likes.go says where the count is kept). It returns an int,
// as it always has: the action's id comes from its signature, and pages
// open in browsers keep calling the id they were given.
func (a *App) incrementLike(ctx context.Context) (int, error) {
	n, err := a.likes.Add(ctx)
	return int(n), err
}

type postsView struct {
	Posts []post
	Total int
	Likes int
}

// loadPosts reads the list and the total through the cache, so that the
// database is read again only after createPost's RevalidatePath("/posts"),
// not on every view: data loaded on a page is dropped with the page's
// path (it is read on /posts only, so it needs no tag of its own).
// ReadOnly, since the page only shows it: every view shares the value
// decoded once, where decoding the cached JSON of 50 posts on each view
// would cost as much as reading them from SQLite. The like count is not
// in it: likes do not revalidate the page, and the count is in memory or
// Redis already.
func (a *App) loadPosts(r *http.Request) (postsView, error) {
	ctx := r.Context()
	v, err := cache.Load(ctx, a.srv.Cache(), "posts:latest", cache.LoadOptions{ReadOnly: true}, a.latestPosts)
	if err != nil {
		return postsView{}, err
	}
	likes, err := a.likes.Count(ctx)
	v.Likes = int(likes)
	return v, err
}

// latestPosts reads the newest 50 posts and the total.
func (a *App) latestPosts(ctx context.Context) (postsView, error) {
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
	err = a.rdb.QueryRowContext(ctx, `SELECT value FROM counters WHERE name = 'posts'`).Scan(&v.Total)
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
