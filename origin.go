package actions

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// originPolicy is the cross-site request forgery check that the middleware
// runs on every action request, whatever its content type: text/plain and
// urlencoded bodies are "simple" requests that a form on any site can send
// with the victim's cookies, so no body format is safe without it.
//
// The decision is the standard library's [http.CrossOriginProtection]: a
// Sec-Fetch-Site of same-origin or none is allowed; when Sec-Fetch-Site is
// absent (browsers before 2023) the Origin header must name the request's
// host. What this type adds is the allow-list (hosts with wildcards, see
// originPattern), X-Forwarded-Host from trusted proxies, and stricter
// handling of the Origin header itself: a malformed one is refused, and
// "null" is refused unless the browser says same-origin.
//
// A request with neither Sec-Fetch-Site nor Origin is allowed, as the
// standard check and Next.js allow it. Every browser released since 2020
// sends Origin on a cross-origin POST (and since 2023 Sec-Fetch-Site on every
// request), so a request without either was not sent by a page in a browser:
// it comes from curl, a mobile app or another server, none of which carries a
// victim's cookies across sites. Refusing it would break those clients and
// stop no attack.
//
// An originPolicy never changes after newOriginPolicy and is safe for
// concurrent use.
type originPolicy struct {
	std     *http.CrossOriginProtection
	allowed []originPattern
	proxies []netip.Prefix
}

// newOriginPolicy checks every allow-list entry and trusted proxy and returns
// the errors of all the bad ones at once, so that one deploy fixes them all.
func newOriginPolicy(allowedOrigins []string, trustedProxies []string) (*originPolicy, error) {
	allowed, patternErrs := parseEach(allowedOrigins, parseOriginPattern)
	proxies, proxyErrs := parseEach(trustedProxies, parseTrustedProxy)
	if err := errors.Join(append(patternErrs, proxyErrs...)...); err != nil {
		return nil, err
	}
	return &originPolicy{std: http.NewCrossOriginProtection(), allowed: allowed, proxies: proxies}, nil
}

func parseEach[T any](entries []string, parse func(string) (T, error)) ([]T, []error) {
	var parsed []T
	var errs []error
	for _, entry := range entries {
		v, err := parse(entry)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		parsed = append(parsed, v)
	}
	return parsed, errs
}

// check returns nil when r may invoke an action, or an *originError. It
// allocates nothing for a browser's same-origin request, an allow-listed one
// or one without either header; the Origin-only request of a browser older
// than Sec-Fetch-Site costs the standard check's url.Parse.
func (p *originPolicy) check(r *http.Request) error {
	header := r.Header.Get("Origin")
	site := r.Header.Get("Sec-Fetch-Site")
	host := p.targetHost(r)
	var origin requestOrigin
	if header != "" {
		var ok bool
		if origin, ok = parseRequestOrigin(header); !ok {
			return &originError{refusal: refusedMalformed, origin: header, host: host}
		}
		// An opaque origin names no site, so neither the host comparison nor
		// the allow-list can vouch for it; only the browser's own verdict can.
		if origin.opaque && site != "same-origin" {
			return &originError{refusal: refusedOpaque, origin: header, host: host}
		}
	}
	if p.std.Check(asActionRequest(r, host)) == nil {
		return nil
	}
	if header != "" && !origin.opaque {
		if p.allows(origin) {
			return nil
		}
		// The standard check compares hosts byte for byte. A browser's Host
		// and Origin agree that way, but a proxy's X-Forwarded-Host or a
		// hand-written Host may differ in case or spell out the default port.
		if site == "" && origin.sameHost(host) {
			return nil
		}
	}
	return &originError{refusal: refusedCrossOrigin, origin: header, host: host, site: site, suggestion: origin.allowEntry()}
}

// asActionRequest returns r as the standard check must judge it. That check
// exempts GET, HEAD and OPTIONS as safe methods, but an action changes state
// whatever the method, so it sees a POST; and it compares Origin with r.Host,
// so behind a trusted proxy it sees the host the browser addressed. The copy
// is made only when one of the two differs.
func asActionRequest(r *http.Request, host string) *http.Request {
	if r.Method == http.MethodPost && host == r.Host {
		return r
	}
	view := *r
	view.Method = http.MethodPost
	view.Host = host
	return &view
}

func (p *originPolicy) allows(origin requestOrigin) bool {
	for _, pat := range p.allowed {
		if pat.matches(origin) {
			return true
		}
	}
	return false
}

// targetHost is the host the browser addressed: r.Host, or the first
// X-Forwarded-Host when the peer is a trusted proxy. Any other peer's
// X-Forwarded-Host is ignored: whoever sends it could name the attacker's
// host in it. Only the first value counts, as in Next.js: the outermost
// proxy's. A client could have put its own before it, but not a page: no
// cross-site request carries X-Forwarded-Host without a CORS preflight that
// the action endpoint does not grant, and a client that is not a browser has
// no victim's cookies to abuse.
func (p *originPolicy) targetHost(r *http.Request) string {
	if len(p.proxies) == 0 {
		return r.Host
	}
	values := r.Header.Values("X-Forwarded-Host")
	if len(values) == 0 || !p.trustsPeer(r.RemoteAddr) {
		return r.Host
	}
	first, _, _ := strings.Cut(values[0], ",")
	if first = strings.TrimSpace(first); first == "" {
		return r.Host
	}
	return first
}

func (p *originPolicy) trustsPeer(remoteAddr string) bool {
	var addr netip.Addr
	if ap, err := netip.ParseAddrPort(remoteAddr); err == nil {
		addr = ap.Addr()
	} else if addr, err = netip.ParseAddr(remoteAddr); err != nil {
		return false // a Unix socket or a test's made-up address
	}
	// A prefix never contains an address with a zone, nor an IPv4 address
	// written in IPv6 form.
	addr = addr.WithZone("").Unmap()
	for _, prefix := range p.proxies {
		if prefix.Contains(addr) {
			return true
		}
	}
	return false
}

// parseTrustedProxy reads a CIDR prefix ("10.0.0.0/8") or one address
// ("10.0.0.1"); host names are refused because resolving them per request
// would be slow and spoofable.
func parseTrustedProxy(entry string) (netip.Prefix, error) {
	s := strings.TrimSpace(entry)
	if strings.Contains(s, "/") {
		prefix, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("actions: Options.TrustedProxies entry %q is not a CIDR prefix such as \"10.0.0.0/8\" or \"fd00::/8\"", entry)
		}
		if a := prefix.Addr(); a.Is4In6() && prefix.Bits() >= 96 {
			return netip.PrefixFrom(a.Unmap(), prefix.Bits()-96).Masked(), nil
		}
		return prefix.Masked(), nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil || addr.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("actions: Options.TrustedProxies entry %q is not an IP address or CIDR prefix such as \"10.0.0.1\" or \"10.0.0.0/8\" (host names and zones are not accepted)", entry)
	}
	addr = addr.Unmap()
	return netip.PrefixFrom(addr, addr.BitLen()), nil
}

// originError is why check refused a request; the middleware answers it with
// 403 Forbidden. Its message is for the server's log: it names the origin and
// the host, and says how to allow the origin when that can be done.
type originError struct {
	refusal    originRefusal
	origin     string // the Origin header as sent; "" when absent
	host       string // the host the request addressed (X-Forwarded-Host behind a trusted proxy)
	site       string // Sec-Fetch-Site as sent
	suggestion string // the Options.AllowedOrigins entry that would allow origin
}

type originRefusal uint8

const (
	refusedCrossOrigin originRefusal = iota // the origin is another site and not allowed
	refusedMalformed                        // the Origin header is not scheme://host[:port] nor "null"
	refusedOpaque                           // Origin "null" without Sec-Fetch-Site: same-origin
)

func (e *originError) Error() string {
	switch {
	case e.refusal == refusedMalformed:
		return fmt.Sprintf("actions: malformed Origin header %q refused; browsers send scheme://host[:port] or null", e.origin)
	case e.refusal == refusedOpaque:
		return fmt.Sprintf("actions: request with Origin \"null\" to host %q refused: the browser hid the page's origin. "+
			"A page served over plain HTTP with \"Referrer-Policy: no-referrer\" does that for its own forms; serve it over HTTPS or use "+
			"\"Referrer-Policy: strict-origin-when-cross-origin\". Sandboxed iframes, file: pages and cross-site redirects send it too, "+
			"and no allow-list entry can name them", e.host)
	case e.origin == "":
		return fmt.Sprintf("actions: cross-site request (Sec-Fetch-Site %q) without an Origin header to host %q refused", e.site, e.host)
	}
	return fmt.Sprintf("actions: cross-origin request from %q to host %q refused; if this origin is trusted, add %q to Options.AllowedOrigins", e.origin, e.host, e.suggestion)
}
