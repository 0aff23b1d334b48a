package flight

import (
	"errors"
	"strings"
)

// Rules a [DecodeError] can name besides the [Limits] field names.
const (
	RuleSyntax    = "syntax"    // malformed JSON, row, part or escape
	RuleReference = "reference" // a reference that is missing, consumed twice, cyclic or steps where it may not
	RuleType      = "type"      // a value of the wrong kind where the protocol needs another
)

// DecodeError is why a decoder refused its input. Rule names the rule that
// refused it: a [Limits] field ("MaxDepth", "MaxBoundArgs" …) or one of
// [RuleSyntax], [RuleReference], [RuleType]. Path says where, as React writes
// references: the part or row id in hex, then keys ("0:items:3"); it may be
// empty when the whole input is at fault.
type DecodeError struct {
	Rule string
	Path string
	Msg  string
}

func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("flight: ")
	b.WriteString(e.Msg)
	if e.Path != "" {
		b.WriteString(" (at ")
		b.WriteString(e.Path)
		b.WriteString(")")
	}
	if e.Rule != RuleSyntax && e.Rule != RuleReference && e.Rule != RuleType {
		b.WriteString(" [Limits.")
		b.WriteString(e.Rule)
		b.WriteString("]")
	}
	return b.String()
}

// IsLimit reports whether err is a [DecodeError] raised by one of the
// [Limits], as opposed to malformed input. Servers answer it with 413 when
// the rule is a size (MaxTotalBytes, MaxFieldBytes, MaxFileBytes) and 400
// otherwise.
func IsLimit(err error) bool {
	var de *DecodeError
	if !errors.As(err, &de) {
		return false
	}
	return de.Rule != RuleSyntax && de.Rule != RuleReference && de.Rule != RuleType
}
