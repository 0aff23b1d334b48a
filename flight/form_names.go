package flight

import "strings"

// formNameEscapes undoes what browsers do to a field's name and a file's
// name in a multipart body: the HTML standard's multipart/form-data
// encoding writes a newline as %0A, a carriage return as %0D and a quote as
// %22, because the header cannot hold them. Undici (React's server on the
// edge and in Node's fetch) turns them back the same way, so a File named
// `résumé "v2".txt` arrives with its own name.
var formNameEscapes = strings.NewReplacer("%0A", "\n", "%0a", "\n", "%0D", "\r", "%0d", "\r", "%22", `"`)

func unescapeFormName(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	return formNameEscapes.Replace(s)
}

// trimImageCoordinates turns the names an <input type=image> submitter
// posts, "<name>.x" and "<name>.y" (the click's coordinates), back into its
// name when that names an action, so an image button can carry its own
// action like any other submit button.
func trimImageCoordinates(name string) string {
	if !strings.HasPrefix(name, "$ACTION_ID_") && !strings.HasPrefix(name, "$ACTION_REF_") {
		return name
	}
	if base, ok := strings.CutSuffix(name, ".x"); ok {
		return base
	}
	if base, ok := strings.CutSuffix(name, ".y"); ok {
		return base
	}
	return name
}
