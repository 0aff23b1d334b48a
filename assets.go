package actions

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/goactions/actions/clientjs"
)

// DefaultAssetsPath is where [Server.Assets] is mounted unless
// Options.AssetsPath says otherwise.
const DefaultAssetsPath = "/_actions/"

// assets are the two scripts a server serves: the runtime, and the module
// exporting the registry's actions as functions, each under a URL with its
// content hash.
type assets struct {
	mu      sync.Mutex
	version int // the registry version the module was built for
	files   map[string][]byte
	runtime string
	module  string
	// list is the registry's actions the files were made from: a module
	// of some actions is made from it too, not from a registry that may
	// have changed since.
	list []*Action
	// exported are the names the module of every action exports; subsets,
	// the files of modules exporting some only, by those names joined
	// (module_subsets.go).
	exported map[string]bool
	subsets  map[string]string
}

// Assets serves the browser runtime and the actions module under
// Options.AssetsPath ("/_actions/" by default); mount it there:
//
//	http.Handle("/_actions/", srv.Assets())
//
// URLs carry the content's hash, so responses are immutable and cached for
// a year. An outdated URL (a page rendered before a deploy) gets today's
// file, uncached; any other path is a 404.
func (s *Server) Assets() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, found := strings.CutPrefix(r.URL.Path, s.assetsPath)
		files := s.assetFiles()
		body, current := files[name]
		cache := "public, max-age=31536000, immutable"
		if !current && found {
			// A page rendered before a deploy asks for the scripts of the
			// version it was rendered with. Give it today's, uncached: its
			// calls then get the stale answer, and the runtime reloads the
			// page, instead of a page whose script failed to load.
			body, current = s.currentAsset(name)
			cache = "no-store"
		}
		if !current {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", cache)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		if r.Method == http.MethodGet {
			w.Write(body)
		}
	})
}

// currentAsset returns today's file of the kind name is an outdated
// version of: "runtime.<hash>.js" or "actions.<hash>.js".
func (s *Server) currentAsset(name string) ([]byte, bool) {
	files := s.assetFiles()
	s.assets.mu.Lock()
	defer s.assets.mu.Unlock()
	for _, current := range []string{s.assets.runtime, s.assets.module} {
		kind, _, _ := strings.Cut(current, ".")
		if strings.HasPrefix(name, kind+".") && strings.HasSuffix(name, ".js") && strings.Count(name, ".") == 2 {
			return files[current], true
		}
	}
	return nil, false
}

// RuntimeURL is the URL of the browser runtime, for a <script type=module>
// tag (see the "actionsScript" template function).
func (s *Server) RuntimeURL() string {
	s.assetFiles()
	s.assets.mu.Lock()
	defer s.assets.mu.Unlock()
	return s.assetsPath + s.assets.runtime
}

// ModuleURL is the URL of the module that exports every action without
// bound parameters as an async function, named after the action:
//
//	<script type="module">
//	  import { incrementLike } from "/_actions/actions.3f2a….js";
//	  button.onclick = async () => { count.textContent = await incrementLike(postId); };
//	</script>
//
// Given names, the module exports only those actions, so that a page
// loads what it imports and not a line per action of the program:
// ModuleURL("incrementLike"). A name that no action callable from script
// has is a mistake in the program, and ModuleURL panics, naming it.
func (s *Server) ModuleURL(names ...string) string {
	s.assetFiles()
	s.assets.mu.Lock()
	defer s.assets.mu.Unlock()
	if len(names) > 0 {
		return s.assetsPath + s.assets.subset(names)
	}
	return s.assetsPath + s.assets.module
}

func (s *Server) assetFiles() map[string][]byte {
	a := &s.assets
	version := s.registry.currentVersion()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.files != nil && a.version == version {
		return a.files
	}
	runtime := clientjs.Runtime()
	a.runtime = "runtime." + clientjs.Hash(runtime) + ".js"
	list := s.registry.Actions()
	module := actionsModule(list, a.runtime, nil)
	a.module = "actions." + clientjs.Hash(module) + ".js"
	a.files = map[string][]byte{a.runtime: runtime, a.module: module}
	a.list = list
	a.exported = map[string]bool{}
	for name := range jsNames(list) {
		a.exported[name] = true
	}
	a.subsets = nil
	a.version = version
	return a.files
}

// actionsModule writes the module exporting every callable action, or
// only those named in only when it is not nil. Actions with bound
// parameters are left out: only a reference the server sends (with its
// seal) can call them.
func actionsModule(list []*Action, runtime string, only map[string]bool) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by actions. DO NOT EDIT.\n")
	b.WriteString("import { createAction } from \"./" + runtime + "\";\n")
	for name, a := range jsNames(list) {
		if only != nil && !only[name] {
			continue
		}
		options := ""
		if a.settings.parallel {
			options = ", { parallel: true }"
		}
		b.WriteString("export const " + name + " = createAction(\"" + a.id + "\"" + options + ");\n")
	}
	return b.Bytes()
}
