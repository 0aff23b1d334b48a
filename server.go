package actions

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/flight"
	"github.com/goactions/actions/internal/seal"
)

// DefaultMaxBodyBytes is the largest request body an action call accepts
// unless [Options.MaxBodyBytes] or [MaxBodyBytes] says otherwise: 1 MiB, as
// Next.js.
const DefaultMaxBodyBytes = 1 << 20

// Options configure a [Server]. The zero value is safe: the default
// registry, same-origin calls only, 1 MiB bodies, no deadline.
type Options struct {
	// Registry holds the actions served; nil means [DefaultRegistry].
	Registry *Registry

	// AllowedOrigins lists other origins whose pages may call actions:
	// hosts ("app.example.com", "localhost:3000"), "*.example.com" (one
	// label in place of *), "**.example.com" (one or more), or full origins
	// ("https://app.example.com"). The request's own origin is always
	// allowed.
	AllowedOrigins []string
	// TrustedProxies lists the addresses (CIDR prefixes or single IPs) of
	// reverse proxies whose X-Forwarded-Host header names the host the
	// browser saw. From any other peer the header is ignored.
	TrustedProxies []string
	// RedirectHosts lists hosts other than the request's own that
	// [Redirect] may send users to.
	RedirectHosts []string

	// MaxBodyBytes bounds request bodies (default [DefaultMaxBodyBytes]).
	MaxBodyBytes int64
	// MaxDuration bounds every action's run time (default none); see
	// [MaxDuration].
	MaxDuration time.Duration
	// Limits bound the decoding of what clients send (nesting, parts,
	// field sizes …); zero fields take flight's defaults. The body limit
	// above applies first.
	Limits flight.Limits

	// Use lists middleware run around every action call, outermost first.
	Use []Middleware

	// SecretFields are substrings of form field names that are never
	// echoed back into a page re-rendered after a submission, in addition
	// to the defaults ("password", "secret", "token", "cvv" …).
	SecretFields []string

	// AssetsPath is where [Server.Assets] is mounted: default
	// [DefaultAssetsPath], "/_actions/". It must start and end with "/".
	AssetsPath string

	// Logger receives one line per action call and the detail of
	// unexpected errors; nil means slog.Default().
	Logger *slog.Logger
	// Dev sends unexpected errors' full messages to the client. Never set
	// it in production: messages can carry secrets.
	Dev bool

	// Cache is what [RevalidatePath], [RevalidateLayout] and
	// [RevalidateTag] invalidate; nil means a new in-memory cache
	// (cache.New with no options), which [Server.Cache] returns for the
	// pages to read through. Give every server of a process the same one.
	Cache *cache.Cache
}

// A Server runs actions for HTTP requests. Create one with [New] and wrap
// the handlers of the pages whose forms and scripts call actions with
// [Server.Middleware]. It is safe for concurrent use.
type Server struct {
	opts     Options
	registry *Registry
	origins  *originPolicy
	logger   *slog.Logger
	secret   []string
	base     settings
	cache    *cache.Cache

	assetsPath string
	assets     assets
}

// New checks the options and returns a server.
func New(opts Options) (*Server, error) {
	origins, err := newOriginPolicy(opts.AllowedOrigins, opts.TrustedProxies)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, registry: opts.Registry, origins: origins, logger: opts.Logger}
	if s.registry == nil {
		s.registry = DefaultRegistry
	}
	if os.Getenv(seal.EnvVar) != "" {
		// A malformed key ring is found at start, not at the first form.
		if _, err := s.registry.keyRing(); err != nil {
			return nil, err
		}
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.cache = opts.Cache; s.cache == nil {
		s.cache = cache.New(cache.Options{})
	}
	s.assetsPath = opts.AssetsPath
	if s.assetsPath == "" {
		s.assetsPath = DefaultAssetsPath
	}
	if !strings.HasPrefix(s.assetsPath, "/") || !strings.HasSuffix(s.assetsPath, "/") {
		return nil, fmt.Errorf("actions: Options.AssetsPath %q must start and end with \"/\"", opts.AssetsPath)
	}
	s.secret = append(append([]string(nil), defaultSecretFields...), opts.SecretFields...)
	s.base = settings{maxBodyBytes: opts.MaxBodyBytes, maxDuration: opts.MaxDuration, middleware: opts.Use}
	if s.base.maxBodyBytes <= 0 {
		s.base.maxBodyBytes = DefaultMaxBodyBytes
	}
	return s, nil
}

// Middleware serves action calls made to the pages next serves and passes
// every other request to next untouched, but for the context of a GET or
// HEAD, which names its page ([cache.WithPage]) so that what it loads is
// revalidated with its path:
//
//   - A request with an [HeaderActionID] header is a call from script: it
//     must be a POST, and gets Flight rows (or JSON when it accepts
//     application/json).
//   - A POST of a form (multipart or urlencoded) whose fields name an
//     action ($ACTION_ID_…, $ACTION_REF_…, as React and this package's
//     form helpers render them) is a submission without JavaScript: the
//     action runs, then a redirect answers 303 See Other, and anything else
//     renders the page again by calling next with a GET carrying the
//     [Submission].
func (s *Server) Middleware(next http.Handler) http.Handler {
	return s.Route()(next)
}

// Route returns middleware like [Server.Middleware] whose actions run with
// the given options (such as [MaxDuration] for a slow report page) unless
// an action sets its own.
func (s *Server) Route(opts ...Option) func(http.Handler) http.Handler {
	route := settings{}
	for _, o := range opts {
		o.apply(&route, forRoute)
	}
	route = s.base.override(route)
	return func(next http.Handler) http.Handler {
		return &routeHandler{server: s, route: route, next: next}
	}
}

type routeHandler struct {
	server *Server
	route  settings
	next   http.Handler
	// effective caches route.override(action.settings) per action: the
	// merge allocates, and it is the same for every call.
	effective sync.Map // *Action -> settings
}

// settingsFor returns the settings a call of a runs with on this route.
func (h *routeHandler) settingsFor(a *Action) settings {
	if s, ok := h.effective.Load(a); ok {
		return s.(settings)
	}
	s, _ := h.effective.LoadOrStore(a, h.route.override(a.settings))
	return s.(settings)
}

func (h *routeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(HeaderActionID) != "" {
		h.serveScriptCall(w, r)
		return
	}
	if r.Method == http.MethodPost && isFormPost(r) {
		h.serveFormPost(w, r)
		return
	}
	h.next.ServeHTTP(w, pageRequest(r))
}
