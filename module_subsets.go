package actions

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/goactions/actions/clientjs"
)

// maxModuleSubsets bounds how many modules of some actions a server makes:
// pages name a few sets each, in code. Past it, pages get the module of
// every action, which exports what they import too.
const maxModuleSubsets = 256

// subset returns the file of the module exporting the actions names, made
// on first use. a.mu is held. Files are never written once published: the
// Assets handler reads a.files without the lock, so a new module goes into
// a copy of the map.
func (a *assets) subset(names []string) string {
	if len(names) > 1 { // one name, the usual page, is its own key: no copy
		names = slices.Compact(slices.Sorted(slices.Values(names)))
	}
	var missing []string
	for _, n := range names {
		if !a.exported[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		panic(fmt.Sprintf("actions: ModuleURL: no action callable from script is named %s", strings.Join(missing, ", ")))
	}
	key := strings.Join(names, ",")
	if file, ok := a.subsets[key]; ok {
		return file
	}
	if len(a.subsets) >= maxModuleSubsets {
		return a.module
	}
	only := make(map[string]bool, len(names))
	for _, n := range names {
		only[n] = true
	}
	module := actionsModule(a.list, a.runtime, only)
	file := "actions." + clientjs.Hash(module) + ".js"
	files := maps.Clone(a.files)
	files[file] = module
	a.files = files
	if a.subsets == nil {
		a.subsets = map[string]string{}
	}
	a.subsets[key] = file
	return file
}
