package actions

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fuzzAllowedOrigins is the allow-list FuzzOriginCheck runs with, and
// fuzzAllowedSpec says the same in the shape the spec reads: the fuzz target
// holds the policy to a second, slow and plain implementation of its rules.
var (
	fuzzAllowedOrigins = []string{"partner.example", "*.one.example", "**.many.example", "https://secure.example:8443", "[::1]:8080"}
	fuzzAllowedSpec    = []struct {
		scheme string // "" for http and https
		stars  int    // 0, 1 ("*.") or 2 ("**.")
		host   string
		port   int // 0 for the scheme's default
	}{
		{"", 0, "partner.example", 0},
		{"", 1, "one.example", 0},
		{"", 2, "many.example", 0},
		{"https", 0, "secure.example", 8443},
		{"", 0, "::1", 8080},
	}
)

// FuzzOriginCheck sends requests with any Origin, Host, X-Forwarded-Host and
// Sec-Fetch-Site, from a trusted proxy or from another peer. check must never
// panic, must refuse with an *originError, and may allow only what the rules
// allow: in particular a request whose Sec-Fetch-Site is cross-site (or
// anything but same-origin and none) is refused unless its Origin is on the
// allow-list, whatever its Host says. X-Forwarded-Host from a peer that is not
// a trusted proxy changes nothing.
func FuzzOriginCheck(f *testing.F) {
	policy, err := newOriginPolicy(fuzzAllowedOrigins, []string{"10.0.0.0/8"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, origin, host, forwarded, site string, viaProxy bool) {
		req := originRequest{host: host, origin: origin, forwarded: forwarded, site: site}
		if req.host == "" {
			req.host = "-"
		}
		if viaProxy {
			req.peer = "10.1.2.3:5555"
		}
		err := policy.check(req.build(t))
		if err != nil {
			var oe *originError
			if !errors.As(err, &oe) || !strings.HasPrefix(err.Error(), "actions: ") {
				t.Fatalf("error %q is %T, want an *originError", err, err)
			}
		}
		target := host
		if first, _, _ := strings.Cut(forwarded, ","); viaProxy && strings.TrimSpace(first) != "" {
			target = strings.TrimSpace(first)
		}
		if err == nil && !permittedByTheRules(origin, site, target) {
			t.Fatalf("allowed Origin %q, Sec-Fetch-Site %q to host %q (X-Forwarded-Host %q, via proxy %v)", origin, site, host, forwarded, viaProxy)
		}
		if origin == "" && (site == "" || site == "same-origin" || site == "none") && err != nil {
			t.Fatalf("refused a request without Origin and with Sec-Fetch-Site %q: %v", site, err)
		}
		if !viaProxy && forwarded != "" {
			req.forwarded = ""
			if again := policy.check(req.build(t)); (again == nil) != (err == nil) {
				t.Fatalf("X-Forwarded-Host %q from an untrusted peer changed the verdict from %v to %v", forwarded, again, err)
			}
		}
	})
}

// permittedByTheRules says, the slow way, whether the rules let the request
// through: the browser's same-origin verdict, an allow-listed origin, or,
// from browsers without Sec-Fetch-Site, an Origin naming the target host or
// no Origin at all.
func permittedByTheRules(origin, site, target string) bool {
	switch site {
	case "same-origin":
		return true
	case "none":
		return origin != "null"
	case "":
		return origin == "" || specAllows(origin) || specSameHost(origin, target)
	}
	return specAllows(origin)
}

var specDefaultPorts = map[string]int{"http": 80, "https": 443}

type specOrigin struct {
	scheme, host string // lower case, no trailing dot, no brackets
	port         int    // the scheme's default when the origin names none
}

func parseSpecOrigin(origin string) (specOrigin, bool) {
	u, err := url.Parse(origin)
	if err != nil || u.Opaque != "" || u.User != nil || u.Path != "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Host == "" {
		return specOrigin{}, false
	}
	o := specOrigin{scheme: strings.ToLower(u.Scheme), host: strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))}
	o.port = specDefaultPorts[o.scheme]
	if u.Port() != "" {
		if o.port, err = strconv.Atoi(u.Port()); err != nil {
			return specOrigin{}, false
		}
	}
	return o, true
}

func specAllows(origin string) bool {
	o, ok := parseSpecOrigin(origin)
	if !ok {
		return false
	}
	labels := strings.Split(o.host, ".")
	for _, entry := range fuzzAllowedSpec {
		scheme, port := entry.scheme, entry.port
		if scheme == "" && (o.scheme == "http" || o.scheme == "https") {
			scheme = o.scheme
		}
		if port == 0 {
			port = specDefaultPorts[scheme]
		}
		if o.scheme != scheme || o.port != port {
			continue
		}
		want := strings.Split(entry.host, ".")
		extra := len(labels) - len(want)
		if extra < 0 || strings.Join(labels[extra:], ".") != entry.host || slices.Contains(labels[:extra], "") {
			continue
		}
		if extra == 0 && entry.stars == 0 || extra == 1 && entry.stars == 1 || extra >= 1 && entry.stars == 2 {
			return true
		}
	}
	return false
}

func specSameHost(origin, hostport string) bool {
	o, ok := parseSpecOrigin(origin)
	if !ok {
		return false
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, ""
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if a, err := netip.ParseAddr(host); err == nil {
		host = a.String()
	}
	if n, err := strconv.Atoi(port); err == nil {
		return n == o.port && host == o.host
	}
	return host == o.host
}
