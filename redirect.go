package actions

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Redirect ends an action by sending the user to location: a form posted
// without JavaScript gets 303 See Other; a JavaScript call gets a signal its
// client follows (see [HeaderRedirect]); a JSON client gets the location.
//
// It is an error value, returned like any other:
//
//	return actions.Redirect("/posts/" + id)
//
// so nothing can swallow it the way a recover or a try/catch swallows the
// panic-style redirects of other frameworks. The action's result, if any, is
// not sent.
//
// location must be a path ("/posts/7", "?page=2") or an absolute URL on the
// request's own host; any other host must be listed in
// Options.RedirectHosts, or the call fails as an internal error. The
// redirect is never built from the request's Host header.
func Redirect(location string) error {
	return &redirectError{location: location}
}

// IsRedirect reports whether err is a redirect made by [Redirect], and where
// to.
func IsRedirect(err error) (location string, ok bool) {
	var r *redirectError
	if errors.As(err, &r) {
		return r.location, true
	}
	return "", false
}

type redirectError struct {
	location string
}

func (r *redirectError) Error() string { return "actions: redirect to " + r.location }

// checkRedirect refuses a location that leaves the site, unless its host is
// allowed. host is the request's host, used only to compare.
func checkRedirect(location, host string, allowed []string) error {
	if location == "" || strings.ContainsAny(location, "\r\n\x00") {
		return fmt.Errorf("actions: redirect to %q: not a valid location", location)
	}
	// A backslash counts as a slash in browsers' URL parsing, so "/\evil"
	// would leave the site.
	if strings.Contains(location, `\`) {
		return fmt.Errorf("actions: redirect to %q: a backslash is not allowed in a location", location)
	}
	u, err := url.Parse(location)
	if err != nil {
		return fmt.Errorf("actions: redirect to %q: %v", location, err)
	}
	if u.Scheme == "" && u.Host == "" && !strings.HasPrefix(location, "//") {
		return nil // a path, query or fragment on this site
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("actions: redirect to %q: only http and https locations are allowed", location)
	}
	target := strings.ToLower(u.Host)
	if target == strings.ToLower(host) {
		return nil
	}
	for _, h := range allowed {
		if strings.EqualFold(h, target) || strings.EqualFold(h, u.Hostname()) {
			return nil
		}
	}
	return fmt.Errorf("actions: redirect to %q leaves the site; list %q in Options.RedirectHosts to allow it", location, u.Hostname())
}
