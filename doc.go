// Package actions gives Go web applications server actions: plain Go
// functions that an HTML form calls with no JavaScript at all, and that
// client code calls like an ordinary async function, getting the result
// back in one round trip. It speaks React 19's Server Functions wire format
// (package flight), so the stock React client calls Go actions as it calls
// Next.js ones.
//
// # Define
//
// An action is a function taking a context and any arguments, returning a
// result and an error (or only an error), registered once at package level:
//
//	var CreatePost = actions.Register(createPost)
//
//	func createPost(ctx context.Context, form *actions.FormData) (Post, error) {
//		title := form.Get("title")
//		if title == "" {
//			return Post{}, actions.Invalid("", map[string][]string{"title": {"Give your post a title."}})
//		}
//		post, err := db.Insert(ctx, title, form.Get("content"))
//		if err != nil {
//			return Post{}, err // the client sees a generic message; the log has this one
//		}
//		return post, actions.Redirect("/posts/" + post.ID)
//	}
//
// Arguments are decoded from what the client sent, into the types the
// function declares (see [flight.Unmarshal]); a form's fields arrive as a
// *[FormData], or decoded by name into a struct parameter. A client that
// sends what does not fit gets 400 with a message naming the argument and
// path, and the function does not run.
//
// # Serve
//
// Wrap the handlers of the pages whose forms and scripts call actions:
//
//	srv, err := actions.New(actions.Options{})
//	…
//	http.Handle("/posts/new", srv.Middleware(newPostPage))
//
// Every other request passes through untouched. A form posted without
// JavaScript runs its action and then either redirects (303 See Other) or
// renders the page again, with the action's result, its errors and what the
// user typed available to the page through [SubmissionFrom]. A script calls
// an action with a POST carrying the [HeaderActionID] header and a React
// reply body, and gets Flight rows (React's own client needs five lines of
// glue, see testdata/react/call-server.mjs); with Accept: application/json
// it sends a JSON array of arguments and gets plain JSON back:
//
//	curl -H 'Action-Id: 3f1c…' -H 'Accept: application/json' \
//	     -H 'Content-Type: application/json' -d '[{"sku":"A1","qty":2}]' http://localhost:8080/shop
//
// # Outcomes
//
//   - A result: 200 and the value.
//   - [Redirect]: an error value, so nothing can swallow it. 303 for a form,
//     [HeaderRedirect] and a rejected root for a script.
//   - An expected error ([Invalid], [Unauthenticated], [Forbidden],
//     [NotFound], [Conflict], [RateLimited], or any *[Error]): its status and
//     its message, in production too. A script's rejected promise carries it
//     as JSON in the error's digest, the one field React's production client
//     keeps: {"code", "message", "fields"}.
//   - Any other error, or a panic: 500 with a generic message and a
//     correlation id; the log line under that id has the detail.
//
// An action reads cookies and sets cookies, headers and the status through
// its context: [Cookie], [SetCookie], [DeleteCookie], [Header], [SetStatus].
//
// # Security
//
// Every action request is checked, whatever its content type:
//
//   - Its origin: Sec-Fetch-Site, else Origin, must match the request's host
//     (or X-Forwarded-Host from a trusted proxy) or
//     [Options.AllowedOrigins]; otherwise 403, saying which origin and how
//     to allow it. A request with neither header is not from a browser page
//     and is let through, as by [http.CrossOriginProtection].
//   - Only POST (405 with Allow: POST otherwise).
//   - Its size, while reading: 413 past [Options.MaxBodyBytes] (1 MiB) or
//     the action's [MaxBodyBytes]; and every decoding limit of
//     [flight.Limits] (parts, field and file sizes, nesting). Uploaded
//     files are held in memory within those limits, never in temporary
//     files, so nothing is left on disk whatever happens to the request.
//   - Its action id: 400 when malformed; 409 with [HeaderStale] when
//     unknown, which is what a page rendered by another version of the app
//     sends. Ids depend only on an action's name and signature, so they
//     survive restarts and deploys and agree across instances.
//   - Bound arguments ([Bound], [Action.Bind]) travel sealed with AES-256-GCM
//     under the keys of the ACTIONS_KEYS environment variable (generate
//     them with "go run github.com/goactions/actions/cmd/actions keygen");
//     a tampered, expired or foreign seal is a 400, and a client cannot call
//     the action without one.
//
// # Revalidate
//
// Pages read what is expensive through the server's cache ([Server.Cache],
// or [Options.Cache]: package cache): values with cache.Load and whole
// pages with its Pages middleware. An action that changes data says what
// it changed, and what depended on it is computed afresh:
//
//	actions.RevalidateTag(ctx, "posts")       // what was loaded or rendered with the tag
//	actions.RevalidatePath(ctx, "/posts/7")   // that page, and what it loaded
//	actions.RevalidateLayout(ctx, "/posts")   // every page at or below /posts
//
// Revalidations apply when the action returns (whatever it returns),
// before its answer is written: in this process at once, and in every
// other instance through a shared store and bus (the redis module). The
// browser runtime then gets the page it called from rendered again in the
// same answer, but only when the page is affected: it shows the path or a
// layout revalidated, or read a tag revalidated ([Refresh] asks for it
// unconditionally). A form posted without JavaScript gets the page anyway,
// with the new data.
//
// # Time
//
// The action's context ends when the client disconnects, and at the
// deadline [MaxDuration] sets for the action, for a route ([Server.Route])
// or for the server ([Options.MaxDuration]).
package actions
