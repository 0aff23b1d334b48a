package actions

// The HTTP side of the protocol between clients and the middleware, beyond
// React's wire format (documented in flight and WIRE.md).
const (
	// HeaderActionID carries the id of the action a script calls. A
	// request with it is an action call; without it, only a form whose
	// fields name an action is.
	HeaderActionID = "Action-Id"

	// HeaderStale is set to "1" on the 409 answering a call to an action
	// id this server does not know: the page was rendered by another
	// version of the app. Clients reload the page (keeping what the user
	// typed) rather than show an error.
	HeaderStale = "Action-Stale"

	// HeaderRedirect carries the location a script call's action
	// redirected to (status 200, because fetch would follow a 303 on its
	// own and lose it). The Flight body's root is then rejected with code
	// "redirect", so code awaiting the call cannot mistake it for a result.
	HeaderRedirect = "Action-Redirect"

	// ContentTypeRows is the content type of Flight rows, React's name for
	// it.
	ContentTypeRows = "text/x-component"
)

// The runtime's side of the protocol (clientjs/runtime.js).
const (
	// HeaderClient is sent by the project's browser runtime with every
	// post it makes. A form it posts is then answered without navigation:
	// a redirect becomes HeaderRedirect with status 200, and the page
	// rendered again comes back for the runtime to morph in.
	HeaderClient = "Action-Client"

	// HeaderOutcome tells the runtime how a form post it made ended: "ok",
	// or the error's code ("invalid_argument" …). It resets a form only
	// after "ok".
	HeaderOutcome = "Action-Outcome"

	// HeaderRefresh is "1" when an answer to a runtime's script call also
	// carries the page rendered again (the action called [Refresh], or
	// revalidated what the page shows), as the text row refreshRowID.
	HeaderRefresh = "Action-Refresh"

	// refreshRowID is the Flight row that holds the refreshed page's HTML:
	// far above any row an encoded result uses.
	refreshRowID = 0x7fffffff
)
