package actions

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// originPattern is one Options.AllowedOrigins entry, as Next.js's
// allowedOrigins reads them. An entry is a host, "app.example.com", with an
// optional port; its leftmost label may be "*", exactly one DNS label, or
// "**", one or more, so "*.example.com" allows "a.example.com" but neither
// "a.b.example.com" nor "example.com". A host entry allows http and https; an
// entry written as an origin, "https://app.example.com", allows that scheme
// only. Without a port an entry allows the scheme's default port only: another
// port on the same host may be another, less trusted, program. Case and a
// trailing dot do not matter.
type originPattern struct {
	scheme   string // lower case; "" allows http and https
	wildcard labelWildcard
	host     string // lower case, no trailing dot; for a wildcard, what follows "*." or "**."
	port     int    // 0 stands for the scheme's default port
}

type labelWildcard uint8

const (
	noWildcard labelWildcard = iota
	oneLabel                 // "*.example.com"
	someLabels               // "**.example.com"
)

func (pat originPattern) matches(o requestOrigin) bool {
	if pat.scheme == "" {
		if !isWebScheme(o.scheme) {
			return false
		}
	} else if !strings.EqualFold(o.scheme, pat.scheme) {
		return false
	}
	port := pat.port
	if port == 0 {
		port = defaultPort(o.scheme)
	}
	if o.effectivePort() != port {
		return false
	}
	host := trimDot(o.host)
	if pat.wildcard == noWildcard {
		return strings.EqualFold(host, pat.host)
	}
	// host must be <labels>.<pat.host>, with no empty label: parseRequestOrigin saw to that.
	n := len(host) - len(pat.host) - 1
	if n <= 0 || host[n] != '.' || !strings.EqualFold(host[n+1:], pat.host) {
		return false
	}
	return pat.wildcard == someLabels || strings.IndexByte(host[:n], '.') < 0
}

// parseOriginPattern reads an allow-list entry, refusing anything that would
// allow more than its author can have meant ("*", a wildcard inside a label)
// or that never matches an Origin header (a path, non-ASCII letters).
func parseOriginPattern(entry string) (originPattern, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("actions: Options.AllowedOrigins entry %q %s", entry, fmt.Sprintf(format, args...))
	}
	var pat originPattern
	trimmed := strings.TrimSpace(entry)
	s := trimmed
	if s == "" {
		return pat, bad(`is empty; write a host such as "app.example.com"`)
	}
	if scheme, rest, ok := strings.Cut(s, "://"); ok {
		if !isScheme(scheme) {
			return pat, bad(`has no valid scheme before "://"`)
		}
		pat.scheme, s = strings.ToLower(scheme), rest
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return pat, bad("has a path, query or fragment, which an origin never has; write %q", trimmed[:len(trimmed)-len(s)+i])
	}
	if strings.Contains(s, "@") {
		return pat, bad("has user information, which an origin never has")
	}
	if strings.HasPrefix(s, "[") && !strings.Contains(s, "]") {
		return pat, bad("has an unclosed bracket")
	}
	if !strings.HasPrefix(s, "[") && strings.Count(s, ":") > 1 {
		return pat, bad(`looks like an IPv6 address; write it in brackets, as in "[::1]:8080"`)
	}
	host, port, ok := splitHostPort(s)
	if !ok {
		return pat, bad("must end with its host or a port from 1 to 65535")
	}
	pat.port = port
	host = strings.ToLower(host)
	if strings.HasPrefix(host, "[") {
		addr, err := netip.ParseAddr(host[1 : len(host)-1])
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return pat, bad("has no IPv6 address between its brackets")
		}
		// Browsers serialize IPv6 hosts as RFC 5952 says, as netip does.
		pat.host = "[" + addr.String() + "]"
		return pat, nil
	}
	switch label, rest, _ := strings.Cut(host, "."); {
	case label == "*" || label == "**":
		if trimDot(rest) == "" {
			return pat, bad("would allow every site; name the domain the wildcard stands under, as in %q", label+".example.com")
		}
		pat.wildcard, host = oneLabel, rest
		if label == "**" {
			pat.wildcard = someLabels
		}
	case strings.Contains(label, "*"):
		return pat, bad(`has a wildcard inside a label; a wildcard is a whole label: "*.example.com" (one label) or "**.example.com" (one or more)`)
	}
	if strings.Contains(host, "*") {
		return pat, bad(`has a wildcard that is not the leftmost label; write it as in "*.example.com"`)
	}
	if strings.HasPrefix(host, ".") {
		return pat, bad(`starts with a dot; write "**.example.com" for every subdomain or "*.example.com" for one level`)
	}
	if host = trimDot(host); !isName(host) {
		if strings.ContainsFunc(host, func(r rune) bool { return r >= 0x80 }) {
			return pat, bad("is not ASCII; write an internationalized name in the xn-- (punycode) form that browsers send")
		}
		return pat, bad("is not a host name of letters, digits, hyphens, underscores and dots")
	}
	pat.host = host
	return pat, nil
}

// requestOrigin is a request's Origin header (RFC 6454, section 7), split
// without allocating: it is read on every action request.
type requestOrigin struct {
	scheme string // as sent; compared case-insensitively
	host   string // as sent: a DNS name, an IPv4 address or a bracketed IPv6 address
	port   int    // 0 when the origin names none, meaning the scheme's default
	opaque bool   // the origin is "null"
}

// parseRequestOrigin accepts what browsers send: "null", or scheme://host with
// an optional port, the host a name of letters, digits, hyphens, underscores
// and dots (browsers send internationalized names in their xn-- form), an IPv4
// address or a bracketed IPv6 address. Anything else, a path, user
// information, a space, was not written by a browser.
func parseRequestOrigin(s string) (requestOrigin, bool) {
	if s == "null" {
		return requestOrigin{opaque: true}, true
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !isScheme(scheme) {
		return requestOrigin{}, false
	}
	host, port, ok := splitHostPort(rest)
	if !ok || !isHost(host) {
		return requestOrigin{}, false
	}
	return requestOrigin{scheme: scheme, host: host, port: port}, true
}

func (o requestOrigin) effectivePort() int {
	if o.port != 0 {
		return o.port
	}
	return defaultPort(o.scheme)
}

// sameHost reports whether o names hostport, a Host or X-Forwarded-Host
// value: the same name, whatever the case and a trailing dot, on the same
// port, a missing port standing for the default of o's scheme. That the
// scheme itself is unknown is the standard check's stance too: HSTS is the
// defence against a plain-http page posting to its https twin.
func (o requestOrigin) sameHost(hostport string) bool {
	host, port, ok := splitHostPort(hostport)
	if !ok {
		return false
	}
	if port == 0 {
		port = defaultPort(o.scheme)
	}
	return port == o.effectivePort() && strings.EqualFold(trimDot(host), trimDot(o.host))
}

// allowEntry is the Options.AllowedOrigins entry that would allow o: its host,
// with the port unless it is the default, written as a whole origin when the
// scheme is neither http nor https.
func (o requestOrigin) allowEntry() string {
	if o.opaque || o.scheme == "" {
		return ""
	}
	entry := strings.ToLower(trimDot(o.host))
	if o.port != 0 && o.port != defaultPort(o.scheme) {
		entry += ":" + strconv.Itoa(o.port)
	}
	if !isWebScheme(o.scheme) {
		entry = strings.ToLower(o.scheme) + "://" + entry
	}
	return entry
}

// splitHostPort splits "host", "host:port", "[v6]" and "[v6]:port". Unlike
// net.SplitHostPort it accepts a missing port, keeps the brackets, reads the
// port as a number and allocates nothing.
func splitHostPort(s string) (host string, port int, ok bool) {
	host, rest := s, ""
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", 0, false
		}
		host, rest = s[:end+1], s[end+1:]
	} else if i := strings.LastIndexByte(s, ':'); i >= 0 {
		host, rest = s[:i], s[i:]
	}
	if rest == "" {
		return host, 0, true
	}
	if rest[0] != ':' {
		return "", 0, false
	}
	port, ok = parsePort(rest[1:])
	return host, port, ok
}

func parsePort(s string) (int, bool) {
	if s == "" || len(s) > 5 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, 0 < n && n <= 65535
}

// isHost reports whether host, from splitHostPort, is a bracketed IPv6
// address or a name with at most one trailing dot.
func isHost(host string) bool {
	if strings.HasPrefix(host, "[") {
		addr, err := netip.ParseAddr(host[1 : len(host)-1])
		return err == nil && addr.Is6() && addr.Zone() == ""
	}
	return isName(trimDot(host))
}

// isName reports whether s is a DNS name or an IPv4 address as browsers
// serialize hosts: labels of ASCII letters, digits, hyphens and underscores,
// none of them empty.
func isName(s string) bool {
	label := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			if label == 0 {
				return false
			}
			label = 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
			label++
		default:
			return false
		}
	}
	return label > 0
}

// isScheme follows RFC 3986, section 3.1.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func isWebScheme(scheme string) bool {
	return defaultPort(scheme) != 0
}

func defaultPort(scheme string) int {
	switch {
	case strings.EqualFold(scheme, "https"):
		return 443
	case strings.EqualFold(scheme, "http"):
		return 80
	}
	return 0
}

func trimDot(host string) string {
	return strings.TrimSuffix(host, ".")
}
