package main

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/goactions/actions"
	"github.com/goactions/actions/cache"
)

// Shop: "Add to cart" is a form (it works without JavaScript) whose
// submit event a page script handles, calling the action with the form's
// data and showing the cart's count it returns.

type product struct{ SKU, Name, Price string }

var products = []product{
	{"mug", "Gopher mug", "€12"},
	{"shirt", "Server Actions T-shirt", "€25"},
	{"stickers", "Sticker pack", "€4"},
}

type cartForm struct {
	SKU string `form:"sku"`
}

func (a *App) addToCart(ctx context.Context, in cartForm) (int, error) {
	known := false
	for _, p := range products {
		known = known || p.SKU == in.SKU
	}
	if !known {
		return 0, actions.NotFound("This product is no longer sold.")
	}
	if _, err := a.db.ExecContext(ctx, `INSERT INTO cart_items (sku, quantity) VALUES (?, 1)
		ON CONFLICT (sku) DO UPDATE SET quantity = cart_items.quantity + 1`, in.SKU); err != nil {
		return 0, err
	}
	return a.cartCount(ctx)
}

func (a *App) cartCount(ctx context.Context) (int, error) {
	var n int
	err := a.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(quantity), 0) FROM cart_items`).Scan(&n)
	return n, err
}

type shopView struct {
	Products []product
	Cart     int
}

func (a *App) loadShop(r *http.Request) (shopView, error) {
	n, err := a.cartCount(r.Context())
	return shopView{products, n}, err
}

// View counter: the page's script calls the action when the page loads
// (React's useEffect example). It is declared Parallel: it does not wait
// behind the page's other calls, nor they behind it.
func (a *App) incrementViews(ctx context.Context) (int, error) {
	var n int
	err := a.db.QueryRowContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'views' RETURNING value`).Scan(&n)
	return n, err
}

func (a *App) loadViews(r *http.Request) (int, error) {
	var n int
	err := a.db.QueryRowContext(r.Context(), `SELECT value FROM counters WHERE name = 'views'`).Scan(&n)
	return n, err
}

// Journal: a textarea that Cmd/Ctrl+Enter submits (requestSubmit, in the
// page's script).

type entryForm struct {
	Entry string `form:"entry"`
}

func (a *App) addEntry(ctx context.Context, in entryForm) error {
	entry := strings.TrimSpace(in.Entry)
	if entry == "" {
		return actions.Invalid("", map[string][]string{"entry": {"Write something first."}})
	}
	if _, err := a.db.ExecContext(ctx, `INSERT INTO journal (entry, created_at) VALUES (?, ?)`, entry, time.Now().UnixMilli()); err != nil {
		return err
	}
	actions.RevalidatePath(ctx, "/journal")
	return nil
}

func (a *App) loadJournal(r *http.Request) ([]string, error) {
	return a.column(r.Context(), `SELECT entry FROM journal ORDER BY id DESC LIMIT 100`)
}

// Tags: the list is read through the cache under the tag "tags", so it is
// computed once until an action says it changed with RevalidateTag.

type tagForm struct {
	Tag string `form:"tag"`
}

type tagCount struct {
	Name string
	Uses int
}

type tagsView struct {
	Tags     []tagCount
	Computed time.Time // when the cached list was computed
}

func (a *App) useTag(ctx context.Context, in tagForm) error {
	tag := strings.ToLower(strings.TrimSpace(in.Tag))
	if tag == "" || len(tag) > 30 || strings.ContainsAny(tag, " \t\n") {
		return actions.Invalid("", map[string][]string{"tag": {"A tag is one word of up to 30 characters."}})
	}
	if _, err := a.db.ExecContext(ctx, `INSERT INTO tags (name, uses) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET uses = tags.uses + 1`, tag); err != nil {
		return err
	}
	actions.RevalidateTag(ctx, "tags")
	return nil
}

func (a *App) loadTags(r *http.Request) (tagsView, error) {
	return cache.Load(r.Context(), a.srv.Cache(), "tags:popular", cache.LoadOptions{Tags: []string{"tags"}},
		func(ctx context.Context) (tagsView, error) {
			v := tagsView{Computed: time.Now()}
			rows, err := a.db.QueryContext(ctx, `SELECT name, uses FROM tags ORDER BY uses DESC, name LIMIT 20`)
			if err != nil {
				return v, err
			}
			defer rows.Close()
			for rows.Next() {
				var t tagCount
				if err := rows.Scan(&t.Name, &t.Uses); err != nil {
					return v, err
				}
				v.Tags = append(v.Tags, t)
			}
			return v, rows.Err()
		})
}

// column returns the first column of a query's rows.
func (a *App) column(ctx context.Context, query string) ([]string, error) {
	rows, err := a.db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		list = append(list, s)
	}
	return list, rows.Err()
}
