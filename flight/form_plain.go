package flight

import "io"

// DecodeForm reads a form posted as multipart/form-data or
// application/x-www-form-urlencoded into a FormData, every field in order
// ("$ACTION_" fields included), within limits. It is for clients that post
// an ordinary form to an action, such as curl -d or -F.
func DecodeForm(body io.Reader, contentType string, limits Limits) (*FormData, error) {
	fields, err := readBody(body, contentType, limits.withDefaults(), false)
	if err != nil {
		return nil, err
	}
	form := &FormData{Entries: make([]FormEntry, 0, len(fields))}
	for _, f := range fields {
		form.Entries = append(form.Entries, FormEntry{Name: f.Name, Value: f.Value, File: f.File})
	}
	return form, nil
}
