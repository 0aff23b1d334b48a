package browsertest_test

import (
	"strings"
	"testing"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// chrome.JSString writes any text as a JavaScript string literal that the
// browser reads back as that text: control characters, quotes and
// backslashes, the line and paragraph separators, what closes a script,
// characters beyond the BMP, and bytes that are not UTF-8 (read as U+FFFD,
// as any UTF-8 decoder does).
func TestJSStringReadsBackAsTheText(t *testing.T) {
	t.Parallel()
	ctx := newTab(t, jsOn)
	for _, s := range []string{
		"plain",
		`"double" 'single' \back`,
		"\a\b\f\n\r\t\v\x00\x1b\x7f",
		"\u2028\u2029",
		"</script><!--",
		"\U0001F600 \U000E0001 \uFEFF",
		"caf\xe9",
	} {
		if got, want := chrome.Eval[string](t, ctx, chrome.JSString(s)), strings.ToValidUTF8(s, "\uFFFD"); got != want {
			t.Errorf("JSString(%q) = %s, which the browser reads as %q", s, chrome.JSString(s), got)
		}
	}
}
