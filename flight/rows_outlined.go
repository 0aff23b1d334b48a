package flight

// This file decodes the rows a value refers to by type: Map, Set, FormData,
// Blob, promise, iterator and server reference rows, streams, and errors.

// outlined decodes a typed reference to a row: Map, Set, FormData, Blob,
// promise, iterator or server reference.
func (d *rowsDecoder) outlined(code byte, id int, path string, depth int) (any, error) {
	rowPath := formatHex(id)
	rw, ok := d.rows[id]
	if !ok {
		return nil, d.refErr(path, "a reference to a missing row")
	}
	if code == '@' && rw.kind == rowError {
		return &Promise{Err: errorFromJSON(rw.tree)}, nil
	}
	if rw.kind != rowJSON {
		return nil, d.typeErr(path, "the referenced row holds no JSON")
	}
	if d.read.isActive(rw) {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.enter(locSeg{name: rowPath, kind: locRoot})
	v, err := d.read.json(rw, depth+1)
	d.leave()
	if err != nil {
		return nil, err
	}
	if code == '@' {
		return &Promise{Value: v}, nil
	}
	if code == 'h' {
		return d.serverRef(v, rowPath)
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, d.typeErr(rowPath, "the row must hold an array")
	}
	switch code {
	case 'W':
		return &Set{Values: arr}, nil
	case 'i':
		return &Iterator{Values: arr}, nil
	case 'Q':
		m := &Map{Entries: make([]MapEntry, 0, len(arr))}
		for _, e := range arr {
			pair, ok := e.([]any)
			if !ok || len(pair) != 2 {
				return nil, d.typeErr(rowPath, "a Map entry must be a [key, value] pair")
			}
			m.Entries = append(m.Entries, MapEntry{Key: pair[0], Value: pair[1]})
		}
		return m, nil
	case 'K':
		fd := &FormData{Entries: make([]FormEntry, 0, len(arr))}
		for _, e := range arr {
			pair, ok := e.([]any)
			if !ok || len(pair) != 2 {
				return nil, d.typeErr(rowPath, "a FormData entry must be a [name, value] pair")
			}
			name, ok := pair[0].(string)
			if !ok {
				return nil, d.typeErr(rowPath, "a FormData entry name must be a string")
			}
			switch val := pair[1].(type) {
			case string:
				fd.Entries = append(fd.Entries, FormEntry{Name: name, Value: val})
			case *File:
				fd.Entries = append(fd.Entries, FormEntry{Name: name, File: val})
			default:
				return nil, d.typeErr(rowPath, "a FormData entry must be a string or a Blob")
			}
		}
		return fd, nil
	case 'B':
		if len(arr) != 2 {
			return nil, d.typeErr(rowPath, `a Blob row must be ["type", bytes]`)
		}
		typ, ok1 := arr[0].(string)
		data, ok2 := arr[1].(Uint8Array)
		if !ok1 || !ok2 {
			return nil, d.typeErr(rowPath, `a Blob row must be ["type", bytes]`)
		}
		// A Blob has no name; "blob" is what a browser gives it in a form.
		return &File{Name: "blob", Type: typ, Data: data}, nil
	}
	return nil, syntaxErr(path, "unknown reference")
}

func (d *rowsDecoder) serverRef(v any, path string) (any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, d.typeErr(path, "a server reference row must hold an object")
	}
	id, ok := obj["id"].(string)
	if !ok {
		return nil, d.typeErr(path, "a server reference needs a string id")
	}
	ref := &ServerRef{ID: id}
	switch b := obj["bound"].(type) {
	case nil:
	case *Promise:
		args, ok := b.Value.([]any)
		if !ok || b.Err != nil {
			return nil, d.typeErr(path, "bound arguments must be an array")
		}
		if len(args) > d.limits.MaxBoundArgs {
			return nil, limitErr("MaxBoundArgs", path, "too many bound arguments")
		}
		ref.Bound = args
	default:
		return nil, d.typeErr(path, "bound arguments must be null or a promise")
	}
	return ref, nil
}

func (d *rowsDecoder) stream(rw *row, path string, depth int) (any, error) {
	if !rw.closed {
		return nil, syntaxErr(path, "a stream that never closes")
	}
	if d.read.isActive(rw) {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.read.enterStream(rw)
	defer d.read.leaveStream()
	d.enter(locSeg{name: path, kind: locRoot})
	defer d.leave()
	if err := d.count(len(rw.chunks)); err != nil {
		return nil, err
	}
	s := &Stream{Kind: rw.stream, Values: make([]any, 0, len(rw.chunks))}
	for i, c := range rw.chunks {
		var v any
		var err error
		switch c.kind {
		case rowText:
			v = c.text
		case rowBinary:
			var ok bool
			if v, ok = binaryValue(c.tag, c.data); !ok {
				err = syntaxErr(path, "a binary chunk's length does not fit its type")
			}
		case rowJSON:
			d.enter(locSeg{index: i, kind: locChunk})
			v, err = d.read.json(c, depth+1)
			d.leave()
		default:
			err = syntaxErr(path, "an error row inside a stream")
		}
		if err != nil {
			return nil, err
		}
		s.Values = append(s.Values, v)
	}
	if rw.ret != nil {
		d.enter(locSeg{name: path + "#return", kind: locRoot})
		v, err := d.read.json(rw.ret, depth+1)
		d.leave()
		if err != nil {
			return nil, err
		}
		if _, undef := v.(Undefined); !undef {
			s.Return = v
		}
	}
	return s, nil
}

// errorFromJSON builds an *Error from an E row or a "$Z" row; missing or
// mistyped fields are left empty rather than refused, since the error is
// what the caller must see.
func errorFromJSON(v any) *Error {
	obj, _ := v.(*jsonObject)
	if obj == nil {
		obj = &jsonObject{}
	}
	field := func(k string) any { v, _ := obj.get(k); return v }
	str := func(k string) string { s, _ := field(k).(string); return s }
	e := &Error{Name: str("name"), Message: str("message"), Env: str("env"), Digest: str("digest")}
	if stack, ok := field("stack").([]any); ok {
		e.Stack = plainJSON(stack).([]any)
	}
	if e.Name == "" {
		e.Name = "Error"
	}
	if e.Message == "" && field("message") == nil {
		e.Message = "An error occurred in the Server Components render."
	}
	return e
}
