package actions

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// originRequest is one request as the origin check sees it. Empty header
// fields mean the header is absent.
type originRequest struct {
	method    string // POST when empty
	host      string // "app.example" when empty; "-" for an empty Host
	peer      string // RemoteAddr; a public address when empty
	origin    string
	site      string // Sec-Fetch-Site
	forwarded string // X-Forwarded-Host
}

func (o originRequest) build(tb testing.TB) *http.Request {
	tb.Helper()
	method := o.method
	if method == "" {
		method = http.MethodPost
	}
	r := httptest.NewRequest(method, "/posts", strings.NewReader("[]"))
	switch o.host {
	case "":
		r.Host = "app.example"
	case "-":
		r.Host = ""
	default:
		r.Host = o.host
	}
	r.RemoteAddr = "192.0.2.1:49152"
	if o.peer != "" {
		r.RemoteAddr = o.peer
	}
	for name, value := range map[string]string{"Origin": o.origin, "Sec-Fetch-Site": o.site, "X-Forwarded-Host": o.forwarded} {
		if value != "" {
			r.Header.Set(name, value)
		}
	}
	return r
}

func TestOriginCheck(t *testing.T) {
	t.Parallel()
	proxies := []string{"10.0.0.0/8", "fd00::/8", "192.168.1.7"}
	tests := []struct {
		name    string
		allowed []string
		req     originRequest
		refused string // a part of the error's message; "" when the request is allowed
	}{
		// What the standard check decides.
		{name: "a same-origin request, as Sec-Fetch-Site says, is allowed",
			req: originRequest{origin: "https://app.example", site: "same-origin"}},
		{name: "a same-origin request is allowed even when a proxy renamed the host, because the browser computed Sec-Fetch-Site",
			req: originRequest{host: "backend:8080", origin: "https://app.example", site: "same-origin"}},
		{name: "a request the user started (Sec-Fetch-Site none) is allowed",
			req: originRequest{site: "none"}},
		{name: "a same-site request from a sibling subdomain is refused",
			req:     originRequest{host: "app.example.com", origin: "https://blog.example.com", site: "same-site"},
			refused: `add "blog.example.com" to Options.AllowedOrigins`},
		{name: "a cross-site request is refused with the origin, the host and how to allow it",
			req:     originRequest{origin: "https://evil.example", site: "cross-site"},
			refused: `actions: cross-origin request from "https://evil.example" to host "app.example" refused; if this origin is trusted, add "evil.example" to Options.AllowedOrigins`},
		{name: "a cross-site request without an Origin header is refused",
			req:     originRequest{site: "cross-site"},
			refused: `cross-site request (Sec-Fetch-Site "cross-site") without an Origin header to host "app.example" refused`},
		{name: "a Sec-Fetch-Site value no browser sends is refused",
			req:     originRequest{origin: "https://app.example", site: "Same-Origin"},
			refused: "cross-origin request"},
		{name: "a cross-site GET is refused too, since an action changes state whatever the method",
			req:     originRequest{method: http.MethodGet, origin: "https://evil.example", site: "cross-site"},
			refused: "cross-origin request"},
		{name: "a same-origin GET is allowed",
			req: originRequest{method: http.MethodGet, origin: "https://app.example", site: "same-origin"}},

		// Older browsers: Origin without Sec-Fetch-Site.
		{name: "an older browser's Origin naming the host is allowed",
			req: originRequest{origin: "https://app.example"}},
		{name: "an older browser's Origin naming another host is refused",
			req:     originRequest{origin: "https://evil.example"},
			refused: `from "https://evil.example" to host "app.example"`},
		{name: "an older browser's Origin on another port of the host is refused",
			req:     originRequest{origin: "https://app.example:8443"},
			refused: `add "app.example:8443"`},
		{name: "an older browser's Origin matches a Host that spells out the default port",
			req: originRequest{host: "app.example:443", origin: "https://app.example"}},
		{name: "an older browser's Origin matches Host whatever the case",
			req: originRequest{host: "APP.Example", origin: "https://app.example"}},
		{name: "an older browser's Origin from an allowed host is allowed",
			allowed: []string{"partner.example"},
			req:     originRequest{origin: "https://partner.example"}},

		// Neither header.
		{name: "a request with neither Origin nor Sec-Fetch-Site, from curl or a server, is allowed",
			req: originRequest{}},

		// The allow-list.
		{name: "an exact host entry allows that host",
			allowed: []string{"partner.example"},
			req:     originRequest{origin: "https://partner.example", site: "cross-site"}},
		{name: "an exact host entry does not allow its subdomains",
			allowed: []string{"partner.example"},
			req:     originRequest{origin: "https://a.partner.example", site: "cross-site"},
			refused: `add "a.partner.example"`},
		{name: "a single-star entry allows one label",
			allowed: []string{"*.example.com"},
			req:     originRequest{origin: "https://a.example.com", site: "same-site"}},
		{name: "a single-star entry does not allow two labels",
			allowed: []string{"*.example.com"},
			req:     originRequest{origin: "https://a.b.example.com", site: "same-site"},
			refused: "cross-origin request"},
		{name: "a single-star entry does not allow the bare domain",
			allowed: []string{"*.example.com"},
			req:     originRequest{origin: "https://example.com", site: "same-site"},
			refused: "cross-origin request"},
		{name: "a double-star entry allows one label",
			allowed: []string{"**.example.com"},
			req:     originRequest{origin: "https://a.example.com", site: "same-site"}},
		{name: "a double-star entry allows several labels",
			allowed: []string{"**.example.com"},
			req:     originRequest{origin: "https://a.b.c.example.com", site: "same-site"}},
		{name: "a double-star entry does not allow the bare apex",
			allowed: []string{"**.example.com"},
			req:     originRequest{origin: "https://example.com", site: "same-site"},
			refused: "cross-origin request"},
		{name: "a wildcard does not allow a name that merely ends in the same letters",
			allowed: []string{"**.example.com"},
			req:     originRequest{origin: "https://evilexample.com", site: "cross-site"},
			refused: "cross-origin request"},
		{name: "a wildcard does not allow its domain as a prefix of another one",
			allowed: []string{"**.example.com"},
			req:     originRequest{origin: "https://a.example.com.evil.net", site: "cross-site"},
			refused: "cross-origin request"},

		// Ports.
		{name: "an entry without a port allows an origin that spells out the default port",
			allowed: []string{"partner.example"},
			req:     originRequest{origin: "https://partner.example:443", site: "cross-site"}},
		{name: "an entry without a port does not allow another port",
			allowed: []string{"partner.example"},
			req:     originRequest{origin: "https://partner.example:8443", site: "cross-site"},
			refused: `add "partner.example:8443"`},
		{name: "an entry with a port allows that port",
			allowed: []string{"partner.example:8443"},
			req:     originRequest{origin: "https://partner.example:8443", site: "cross-site"}},
		{name: "an entry with a port does not allow the default port",
			allowed: []string{"partner.example:8443"},
			req:     originRequest{origin: "https://partner.example", site: "cross-site"},
			refused: `add "partner.example"`},
		{name: "a wildcard entry with a port allows that port",
			allowed: []string{"*.localhost:3000"},
			req:     originRequest{origin: "http://shop.localhost:3000", site: "cross-site"}},

		// Schemes.
		{name: "a host entry allows http as well as https",
			allowed: []string{"partner.example"},
			req:     originRequest{origin: "http://partner.example", site: "cross-site"}},
		{name: "an origin entry allows its scheme",
			allowed: []string{"https://partner.example"},
			req:     originRequest{origin: "https://partner.example", site: "cross-site"}},
		{name: "an origin entry does not allow another scheme",
			allowed: []string{"https://partner.example"},
			req:     originRequest{origin: "http://partner.example", site: "cross-site"},
			refused: "cross-origin request"},
		{name: "an origin entry's port is read against its own scheme",
			allowed: []string{"http://partner.example:443"},
			req:     originRequest{origin: "https://partner.example", site: "cross-site"},
			refused: "cross-origin request"},
		{name: "an origin entry allows a browser extension",
			allowed: []string{"chrome-extension://abcdefghijklmnop"},
			req:     originRequest{origin: "chrome-extension://abcdefghijklmnop", site: "cross-site"}},
		{name: "a host entry does not allow a browser extension, and the message gives the whole origin",
			allowed: []string{"abcdefghijklmnop"},
			req:     originRequest{origin: "chrome-extension://abcdefghijklmnop", site: "cross-site"},
			refused: `add "chrome-extension://abcdefghijklmnop"`},

		// Case and trailing dots.
		{name: "an entry matches whatever the case of either side",
			allowed: []string{"*.Example.COM"},
			req:     originRequest{origin: "HTTPS://Shop.EXAMPLE.com", site: "cross-site"}},
		{name: "a trailing dot on the entry is ignored",
			allowed: []string{"partner.example."},
			req:     originRequest{origin: "https://partner.example", site: "cross-site"}},
		{name: "a trailing dot on the origin is ignored",
			allowed: []string{"*.partner.example"},
			req:     originRequest{origin: "https://a.partner.example.", site: "cross-site"}},

		// IPv6 hosts.
		{name: "an older browser at [::1]:8080 posting to [::1]:8080 is allowed",
			req: originRequest{host: "[::1]:8080", origin: "http://[::1]:8080"}},
		{name: "an older browser at [::1]:8081 posting to [::1]:8080 is refused",
			req:     originRequest{host: "[::1]:8080", origin: "http://[::1]:8081"},
			refused: `add "[::1]:8081"`},
		{name: "an IPv6 entry allows its origin",
			allowed: []string{"[::1]:8080"},
			req:     originRequest{host: "localhost:3000", origin: "http://[::1]:8080", site: "cross-site"}},
		{name: "an IPv6 entry is compared in the form browsers write",
			allowed: []string{"[0:0:0:0:0:0:0:1]:8080"},
			req:     originRequest{host: "localhost:3000", origin: "http://[::1]:8080", site: "cross-site"}},

		// Origin null.
		{name: "an Origin of null from another site is refused",
			req:     originRequest{origin: "null", site: "cross-site"},
			refused: `actions: request with Origin "null" to host "app.example" refused: the browser hid the page's origin`},
		{name: "an Origin of null without Sec-Fetch-Site is refused",
			req:     originRequest{origin: "null"},
			refused: `Origin "null"`},
		{name: "an Origin of null is refused even with an empty Host, which the standard check would let through",
			req:     originRequest{host: "-", origin: "null"},
			refused: `Origin "null"`},
		{name: "an Origin of null with Sec-Fetch-Site none is refused",
			req:     originRequest{origin: "null", site: "none"},
			refused: `Origin "null"`},
		{name: "an Origin of null is allowed when Sec-Fetch-Site says same-origin",
			req: originRequest{origin: "null", site: "same-origin"}},
		{name: "an Origin of null is not allowed by any allow-list entry",
			allowed: []string{"null.example", "**.example"},
			req:     originRequest{origin: "null", site: "cross-site"},
			refused: `Origin "null"`},

		// Malformed Origin headers.
		{name: "an Origin with a path is refused even when Sec-Fetch-Site says same-origin",
			req:     originRequest{origin: "https://app.example/posts", site: "same-origin"},
			refused: `actions: malformed Origin header "https://app.example/posts" refused`},
		{name: "an Origin with user information is refused, though net/url would find the host in it",
			req:     originRequest{origin: "https://evil.example@app.example"},
			refused: "malformed Origin header"},
		{name: "an Origin without a scheme is refused",
			req:     originRequest{origin: "app.example"},
			refused: "malformed Origin header"},
		{name: "an Origin with an empty label is refused",
			allowed: []string{"**.example.com"},
			req:     originRequest{origin: "https://a..example.com", site: "cross-site"},
			refused: "malformed Origin header"},
		{name: "an Origin with a port out of range is refused",
			req:     originRequest{origin: "https://app.example:65536"},
			refused: "malformed Origin header"},
		{name: "an Origin with a zone in its IPv6 address is refused",
			req:     originRequest{host: "[fe80::1]", origin: "http://[fe80::1%25eth0]"},
			refused: "malformed Origin header"},
		{name: "a malformed Origin is quoted in the message so that it cannot forge log lines",
			req:     originRequest{origin: "https://a\nb"},
			refused: `"https://a\nb"`},

		// Reverse proxies.
		{name: "behind a trusted proxy an older browser's Origin is compared with X-Forwarded-Host",
			req: originRequest{peer: "10.1.2.3:5555", host: "backend:8080", forwarded: "app.example", origin: "https://app.example"}},
		{name: "behind a trusted proxy an Origin that names only the proxy's Host is refused",
			req:     originRequest{peer: "10.1.2.3:5555", host: "backend:8080", forwarded: "app.example", origin: "http://backend:8080"},
			refused: `from "http://backend:8080" to host "app.example"`},
		{name: "only the first X-Forwarded-Host counts",
			req: originRequest{peer: "10.1.2.3:5555", host: "backend:8080", forwarded: "app.example, backend:8080", origin: "https://app.example"}},
		{name: "a later X-Forwarded-Host does not allow what the first refuses",
			req:     originRequest{peer: "10.1.2.3:5555", host: "backend:8080", forwarded: "other.example, evil.example", origin: "https://evil.example"},
			refused: `to host "other.example"`},
		{name: "X-Forwarded-Host that spells out the default port matches",
			req: originRequest{peer: "10.1.2.3:5555", host: "backend:8080", forwarded: "app.example:443", origin: "https://app.example"}},
		{name: "X-Forwarded-Host from an untrusted peer is ignored",
			req:     originRequest{host: "backend:8080", forwarded: "evil.example", origin: "https://evil.example"},
			refused: `from "https://evil.example" to host "backend:8080"`},
		{name: "X-Forwarded-Host does not outweigh a cross-site Sec-Fetch-Site",
			req:     originRequest{peer: "10.1.2.3:5555", forwarded: "evil.example", origin: "https://evil.example", site: "cross-site"},
			refused: `to host "evil.example"`},
		{name: "behind a trusted proxy that sends no X-Forwarded-Host, Host is compared",
			req: originRequest{peer: "10.1.2.3:5555", origin: "https://app.example"}},
		{name: "a trusted proxy given as one address is trusted",
			req: originRequest{peer: "192.168.1.7:443", host: "backend", forwarded: "app.example", origin: "https://app.example"}},
		{name: "its neighbour is not",
			req:     originRequest{peer: "192.168.1.8:443", host: "backend", forwarded: "app.example", origin: "https://app.example"},
			refused: `to host "backend"`},
		{name: "an IPv6 trusted proxy is trusted",
			req: originRequest{peer: "[fd00::1]:443", host: "backend", forwarded: "app.example", origin: "https://app.example"}},
		{name: "an IPv4 proxy written in IPv6 form is trusted",
			req: originRequest{peer: "[::ffff:10.1.2.3]:443", host: "backend", forwarded: "app.example", origin: "https://app.example"}},
		{name: "a peer that is no IP address, such as a Unix socket, is not trusted",
			req:     originRequest{peer: "@", host: "backend", forwarded: "app.example", origin: "https://app.example"},
			refused: `to host "backend"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			policy, err := newOriginPolicy(tt.allowed, proxies)
			if err != nil {
				t.Fatal(err)
			}
			err = policy.check(tt.req.build(t))
			switch {
			case tt.refused == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.refused != "" && err == nil:
				t.Fatalf("allowed, want refused with %q", tt.refused)
			case err != nil && !strings.Contains(err.Error(), tt.refused):
				t.Fatalf("error\n%v\nwant it to contain\n%s", err, tt.refused)
			}
			var oe *originError
			if err != nil && !errors.As(err, &oe) {
				t.Fatalf("error is %T, want *originError", err)
			}
		})
	}
}

func TestNewOriginPolicyRefusesBadConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		allowed []string
		proxies []string
		want    string
	}{
		{"an empty entry", []string{""}, nil,
			`actions: Options.AllowedOrigins entry "" is empty; write a host such as "app.example.com"`},
		{"a lone star", []string{"*"}, nil,
			`actions: Options.AllowedOrigins entry "*" would allow every site; name the domain the wildcard stands under, as in "*.example.com"`},
		{"a lone double star", []string{"**"}, nil,
			`entry "**" would allow every site; name the domain the wildcard stands under, as in "**.example.com"`},
		{"a star with nothing after its dot", []string{"https://*."}, nil, "would allow every site"},
		{"a star inside a label", []string{"a*.example.com"}, nil,
			`entry "a*.example.com" has a wildcard inside a label; a wildcard is a whole label: "*.example.com" (one label) or "**.example.com" (one or more)`},
		{"a star before letters", []string{"*a.example.com"}, nil, "has a wildcard inside a label"},
		{"three stars", []string{"***.example.com"}, nil, "has a wildcard inside a label"},
		{"a star in the middle", []string{"a.*.com"}, nil,
			`entry "a.*.com" has a wildcard that is not the leftmost label; write it as in "*.example.com"`},
		{"two stars", []string{"*.*.example.com"}, nil, "is not the leftmost label"},
		{"a URL with a path", []string{"https://app.example.com/login"}, nil,
			`entry "https://app.example.com/login" has a path, query or fragment, which an origin never has; write "https://app.example.com"`},
		{"a URL with a trailing slash", []string{"https://app.example.com/"}, nil, `write "https://app.example.com"`},
		{"a host with a query", []string{"app.example.com?x=1"}, nil, `write "app.example.com"`},
		{"a URL with user information", []string{"https://me@app.example.com"}, nil, "has user information"},
		{"a scheme that is not one", []string{"1http://app.example.com"}, nil, `has no valid scheme before "://"`},
		{"port zero", []string{"app.example.com:0"}, nil, "must end with its host or a port from 1 to 65535"},
		{"a port too large", []string{"app.example.com:65536"}, nil, "a port from 1 to 65535"},
		{"an empty port", []string{"app.example.com:"}, nil, "a port from 1 to 65535"},
		{"an IPv6 address without brackets", []string{"::1"}, nil, `write it in brackets, as in "[::1]:8080"`},
		{"an unclosed bracket", []string{"[::1"}, nil, "has an unclosed bracket"},
		{"brackets around no IPv6 address", []string{"[127.0.0.1]"}, nil, "has no IPv6 address between its brackets"},
		{"a leading dot, as cookie domains have", []string{".example.com"}, nil,
			`starts with a dot; write "**.example.com" for every subdomain or "*.example.com" for one level`},
		{"an internationalized name", []string{"bücher.example"}, nil, "write an internationalized name in the xn-- (punycode) form"},
		{"a space inside", []string{"app example.com"}, nil, "is not a host name of letters, digits, hyphens, underscores and dots"},
		{"an empty label", []string{"app..example.com"}, nil, "is not a host name"},
		{"a proxy prefix too long", nil, []string{"10.0.0.0/33"}, `actions: Options.TrustedProxies entry "10.0.0.0/33" is not a CIDR prefix`},
		{"a proxy host name", nil, []string{"proxy.internal"}, `Options.TrustedProxies entry "proxy.internal" is not an IP address or CIDR prefix`},
		{"a proxy address with a zone", nil, []string{"fe80::1%eth0"}, "zones are not accepted"},
		{"an empty proxy", nil, []string{""}, `entry "" is not an IP address`},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			t.Parallel()
			policy, err := newOriginPolicy(tt.allowed, tt.proxies)
			if err == nil {
				t.Fatalf("policy %+v, want an error containing %q", policy, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error\n%v\nwant it to contain\n%s", err, tt.want)
			}
		})
	}
}

func TestNewOriginPolicyReportsEveryBadEntryAtOnce(t *testing.T) {
	t.Parallel()
	_, err := newOriginPolicy([]string{"*", "ok.example", "a.*.com"}, []string{"172.16.0.0/12", "proxy"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`entry "*"`, `entry "a.*.com"`, `entry "proxy"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\ndoes not mention %s", err, want)
		}
	}
	if strings.Contains(err.Error(), "ok.example") || strings.Contains(err.Error(), "172.16.0.0/12") {
		t.Errorf("error\n%v\nmentions a good entry", err)
	}
}

func TestNewOriginPolicyAcceptsWhatTheDocumentationShows(t *testing.T) {
	t.Parallel()
	allowed := []string{"app.example.com", " *.example.com ", "**.example.com", "https://app.example.com",
		"https://app.example.com:8443", "localhost:3000", "127.0.0.1:8080", "[::1]:8080", "my_service.internal",
		"xn--bcher-kva.example", "chrome-extension://abcdefghijklmnop", "partner.example."}
	proxies := []string{"10.0.0.0/8", "10.1.2.3/8", "192.168.1.7", "::1", "fd00::/8", "::ffff:10.0.0.0/104"}
	if _, err := newOriginPolicy(allowed, proxies); err != nil {
		t.Fatal(err)
	}
}

// An older browser's same-host request allocates once, in the standard
// check's url.Parse; browsers have sent Sec-Fetch-Site since 2023.
func TestOriginCheckAllocatesNothingForAllowedDirectRequests(t *testing.T) {
	policy, err := newOriginPolicy([]string{"*.example.com"}, []string{"10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []originRequest{
		{origin: "https://app.example", site: "same-origin"},
		{origin: "https://shop.example.com", site: "cross-site"},
		{},
	} {
		r := req.build(t)
		if n := testing.AllocsPerRun(100, func() { _ = policy.check(r) }); n != 0 {
			t.Errorf("check(%+v) allocates %v times, want 0", req, n)
		}
	}
}

func BenchmarkOriginCheck(b *testing.B) {
	policy, err := newOriginPolicy([]string{"partner.example", "*.example.com", "**.cdn.example"}, []string{"10.0.0.0/8"})
	if err != nil {
		b.Fatal(err)
	}
	for _, bench := range []struct {
		name string
		req  originRequest
	}{
		{"same-origin", originRequest{origin: "https://app.example", site: "same-origin"}},
		{"origin-only", originRequest{origin: "https://app.example"}},
		{"allow-listed", originRequest{origin: "https://a.b.cdn.example", site: "cross-site"}},
		{"via-proxy", originRequest{peer: "10.1.2.3:5555", host: "backend:8080", forwarded: "app.example", origin: "https://app.example"}},
		{"refused", originRequest{origin: "https://evil.example", site: "cross-site"}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			r := bench.req.build(b)
			b.ReportAllocs()
			for b.Loop() {
				_ = policy.check(r)
			}
		})
	}
}
