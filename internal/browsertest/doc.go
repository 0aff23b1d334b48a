// Package browsertest proves in a real browser, headless Chromium driven
// through the DevTools protocol by chromedp, that server actions work as a
// user sees them, with JavaScript off and on: forms that post without
// script, field errors next to the inputs, typed values kept and passwords
// not, redirects and cookies, stale pages, sealed bound arguments, script
// calls with fetch, and cross-origin refusals.
//
// It is a nested module so that chromedp stays out of the root go.mod. Its
// tests need Debian's chromium package, which ./scripts/test.sh installs;
// they fail, never skip, when it is missing. Everything is served on
// loopback by httptest.
package browsertest
