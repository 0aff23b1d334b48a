package flight

import (
	"reflect"
	"strconv"
)

// This file keeps the walk's reference path: React refers to a value it has
// already written by the path where it first appeared ("$0:items:3"), so
// the walk must know that path for every shared value it records. It is a
// byte stack, pushed and popped as the walk goes down and up, and becomes a
// string only for the few values recorded and for errors.

// pathString is the current reference path, or "" where there is none.
func (w *walker) pathString() string {
	if w.noPath {
		return ""
	}
	return string(w.path[w.base:])
}

// errHere is errAt at the current path.
func (w *walker) errHere(format string, args ...any) error {
	return errAt(w.pathString(), format, args...)
}

// model encodes v as the whole JSON text of row or part id. Outliners call it
// while another value is half written, so it keeps the caller's path.
func (w *walker) model(v any, id int) ([]byte, error) {
	return w.appendModel(make([]byte, 0, 128), v, id)
}

// appendModel is model appending to b.
func (w *walker) appendModel(b []byte, v any, id int) ([]byte, error) {
	base, noPath := w.enterModel(id)
	b, err := w.value(b, reflect.ValueOf(v), nil)
	w.leaveModel(base, noPath)
	return b, err
}

// enterModel starts the path of row or part id above the caller's; the
// caller hands the results to leaveModel when the model is written.
func (w *walker) enterModel(id int) (base int, noPath bool) {
	base, noPath = w.base, w.noPath
	w.base, w.noPath = len(w.path), false
	w.path = append(w.path, '$')
	w.path = strconv.AppendInt(w.path, int64(id), 16)
	return base, noPath
}

func (w *walker) leaveModel(base int, noPath bool) {
	w.path, w.base, w.noPath = w.path[:w.base], base, noPath
}

// pathless encodes v where React records no path for it or below it.
func (w *walker) pathless(b []byte, v reflect.Value) ([]byte, error) {
	noPath := w.noPath
	w.noPath = true
	b, err := w.value(b, v, nil)
	w.noPath = noPath
	return b, err
}

// push extends the current path by one key and returns the length to pop
// back to. React records no path below a key containing ':', since it could
// not be parsed back.
func (w *walker) push(key string, hasColon bool) (int, bool) {
	n, noPath := len(w.path), w.noPath
	if !noPath {
		if hasColon {
			w.noPath = true
		} else {
			w.path = append(append(w.path, ':'), key...)
		}
	}
	return n, noPath
}

func (w *walker) pushIndex(i int) int {
	n := len(w.path)
	switch {
	case w.noPath:
	case i < 10: // most indexes, written without strconv
		w.path = append(w.path, ':', byte('0'+i))
	default:
		w.path = strconv.AppendInt(append(w.path, ':'), int64(i), 10)
	}
	return n
}

func (w *walker) pop(n int, noPath bool) {
	w.path, w.noPath = w.path[:n], noPath
}
