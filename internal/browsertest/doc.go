// Package browsertest proves in a real browser, headless Chromium driven
// through the DevTools protocol by chromedp, that server actions work as a
// user sees them, with JavaScript off and on: forms that post without
// script, field errors next to the inputs, typed values kept and passwords
// not, redirects and cookies, stale pages, sealed bound arguments, script
// calls with fetch, and cross-origin refusals.
//
// The site tests (site_test.go and the files of its pages, posts, journal,
// messages, editor, calls, failures) run the whole stack as an application
// builds it: html/template pages written with the package's template
// functions, the middleware, and the browser runtime and actions module
// served by Server.Assets. Each behaviour runs twice where it applies, with
// JavaScript off (the browser posts; 303 or the page rendered again) and
// on (the runtime posts with fetch and morphs the answer in), and must end
// in the same state: validation, redirects, a submission before the
// runtime has loaded, pending marks, reset after success (sparing what was
// typed meanwhile), morphing that keeps focus and typing, Ctrl+Enter, two
// buttons with their own actions, bound actions and version conflicts,
// optimistic items, calls from event handlers with Refresh, stale pages
// after a deploy, unexpected errors and network failures. A failed test saves a
// screenshot of its tab and logs where. bench_test.go has the README's
// figures: the JavaScript a page downloads and the time from a click to
// the DOM updated.
//
// It is a nested module so that chromedp stays out of the root go.mod. Its
// tests need Debian's chromium package, which ./scripts/test.sh installs;
// they fail, never skip, when it is missing. Everything is served on
// loopback by httptest.
package browsertest
