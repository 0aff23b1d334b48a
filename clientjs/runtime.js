// runtime.js: the browser side of github.com/goactions/actions.
//
// One hand-written ES module: no build step, no dependencies, for browsers
// that have fetch, FormData(form, submitter), requestSubmit and
// AbortSignal.any (2024 and later). The Go package clientjs embeds it and
// serves it from a content-hashed URL; a page loads it with
//
//	<script type="module" src="/_actions/runtime.<hash>.js"></script>
//
// and the generated actions module imports createAction from the same URL,
// so both share this one instance.
//
// Without this file every action form still works: the browser posts it and
// the server answers 303 or the page rendered again. With it:
//   - forms that post an action are sent with fetch; the page that comes back
//     is morphed into the current one (focus, caret, scroll and what the user
//     is typing are kept); pending state, optimistic items, reset after
//     success, stale pages and errors are handled (see "Forms" below);
//   - createAction(id) gives an async function that calls the action from
//     script, speaking React 19's reply format and Flight rows (WIRE.md).
//
// Everything above "The page" touches no DOM, so Node's test runner imports
// this file as it is (clientjs/test). Listeners are installed only where a
// document exists.

// The HTTP side of the protocol (protocol.go has the server's names).
const hId = 'Action-Id'; // the action a script calls
const hClient = 'Action-Client'; // "1": sent by this runtime, answer for it
const hRedirect = 'Action-Redirect'; // where the action redirected to
const hStale = 'Action-Stale'; // "1" on a 409: the page is older than the server
const hOutcome = 'Action-Outcome'; // "ok" on a successful form post, else a code
const hRefresh = 'Action-Refresh'; // "1": the rows carry the page again
const rowsType = 'text/x-component';
const refreshRow = 0x7fffffff; // the text row that holds the refreshed page

const msgNetwork = 'Could not reach the server. Your entries are kept; try again.';
const msgServer = 'Something went wrong on the server. Your entries are kept; try again.';
const msgStale = 'This page was updated. Please check your entries and submit again.';

const hex = (n) => n.toString(16);

// ActionError is what a failed call throws and what actions:error events
// describe: code is the server's (invalid_argument, forbidden, internal, …,
// or "network" when the server could not be reached), fields the per-field
// messages of invalid input, status the HTTP status (0 without one), id the
// correlation id of an internal error (the server's log has the detail).
export class ActionError extends Error {
  constructor(code, message, { fields, status, id, location } = {}) {
    super(message);
    this.name = 'ActionError';
    this.code = code;
    this.fields = fields || {};
    this.status = status || 0;
    this.id = id;
    this.location = location;
  }
}

// The code of an answer that carries none (a proxy's page, a refusal in
// plain text), from its status; the server's codes are in outcome.go.
const statusCodes = {
  400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found',
  405: 'method_not_allowed', 409: 'conflict', 413: 'too_large', 422: 'invalid_argument',
  429: 'rate_limited', 504: 'timeout',
};
export const codeFor = (status) => statusCodes[status] || (status < 500 ? 'bad_request' : 'internal');

// ---------------------------------------------------------------------------
// Arguments: React's reply format (WIRE.md §1)

// Tags of typed arrays and DataView, by their Symbol.toStringTag.
const viewTags = {
  Int8Array: 'O', Uint8Array: 'o', Uint8ClampedArray: 'U', Int16Array: 'S', Uint16Array: 's',
  Int32Array: 'L', Uint32Array: 'l', Float32Array: 'G', Float64Array: 'g', BigInt64Array: 'M',
  BigUint64Array: 'm', DataView: 'V',
};

// encodeReply encodes a call's argument list as React's encodeReply does,
// byte for byte (the tests compare them): a JSON string when everything is
// inline, else a FormData whose field "0" is the root. It follows React's
// own walk (JSON.stringify with a replacer, parts numbered as they are
// met, a Map's part written after the parts inside it) so the server
// decodes both alike. An object met twice is sent once and referred to by
// its path, as React does; a cycle is refused (the server refuses it
// anyway). Refused with a TypeError, as React refuses them: symbols,
// functions, promises, class instances, null-prototype objects.
export function encodeReply(root) {
  let next = 1; // the next part's number
  let form = null; // made when the first value needs a part of its own
  let modelRoot; // the value whose part is being written
  const paths = new WeakMap(); // object -> "$<part>:<key>:…", React's writtenObjects
  const owners = {}; // "$<part>" -> the path of the Map or Set the part holds
  const fd = () => (form ||= new FormData());
  const part = (tag, value) => {
    const id = next++;
    fd().append(id, value);
    return '$' + tag + hex(id);
  };
  // A part holding JSON: numbered before the values inside it, appended
  // after them.
  const outline = (tag, value, owner) => {
    const id = next++;
    owners['$' + hex(id)] = owner;
    const json = model(value, id);
    fd().append(id, json);
    return '$' + tag + hex(id);
  };
  function model(value, id) {
    if (value && typeof value == 'object') paths.set(value, '$' + hex(id));
    modelRoot = value;
    return JSON.stringify(value, replace);
  }
  function replace(key, value) {
    if (value && typeof value == 'object') {
      const path = paths.get(value);
      if (path && value !== modelRoot) {
        // A path to one of our own ancestors would be a cycle; the
        // ancestors of a Map's or Set's part are the Map's.
        const here = paths.get(this);
        for (let p = here && here + ':' + key; p; p = owners[p.split(':')[0]]) {
          if ((p + ':').startsWith(path + ':')) throw new TypeError('A server action argument cannot contain a cycle.');
        }
        return path;
      }
      if (path) modelRoot = null;
      else if (!key.includes(':')) {
        const parent = paths.get(this);
        if (parent) paths.set(value, parent + ':' + key);
      }
      if (Array.isArray(value)) return value;
      if (value instanceof FormData) {
        const id = next++;
        const into = fd();
        value.forEach((v, k) => into.append('_' + id + '_' + k, v));
        return '$K' + hex(id);
      }
      if (value instanceof Map) return outline('Q', [...value], paths.get(value));
      if (value instanceof Set) return outline('W', [...value], paths.get(value));
      if (value instanceof ArrayBuffer) return part('A', new Blob([value]));
      if (ArrayBuffer.isView(value) && viewTags[value[Symbol.toStringTag] || 'DataView']) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return part(viewTags[value[Symbol.toStringTag] || 'DataView'], new Blob([bytes]));
      }
      if (value instanceof Blob) return part('B', value);
      // Plain objects only; Object.prototype of another realm is fine.
      const proto = Object.getPrototypeOf(value);
      if (proto && !Object.getPrototypeOf(proto) && typeof value.then != 'function') return value;
      throw new TypeError(
        `Only plain objects, arrays, Date, Map, Set, FormData, Blob and binary data can be passed to a server action, not ${
          (proto && proto.constructor && proto.constructor.name) || 'a null-prototype object'}.`);
    }
    switch (typeof value) {
      case 'string':
        // JSON.stringify has already called Date's toJSON; the holder still
        // has the Date.
        if (value.endsWith('Z') && this[key] instanceof Date) return '$D' + value;
        return value[0] == '$' ? '$' + value : value;
      case 'number':
        if (Number.isFinite(value)) return Object.is(value, -0) ? '$-0' : value;
        return value > 0 ? '$Infinity' : value < 0 ? '$-Infinity' : '$NaN';
      case 'bigint':
        return '$n' + value;
      case 'undefined':
        return '$undefined';
      case 'boolean':
      case 'object': // null
        return value;
    }
    throw new TypeError(`A ${typeof value} cannot be passed to a server action.`);
  }
  const json = model(root, 0);
  if (!form) return json;
  form.set('0', json);
  return form;
}

// ---------------------------------------------------------------------------
// Answers: Flight rows (WIRE.md §2), a small subset

const utf8 = new TextDecoder();
// Row tags of length-prefixed binary rows, as typed-array constructors.
const views = {
  O: Int8Array, o: Uint8Array, U: Uint8ClampedArray, S: Int16Array, s: Uint16Array, L: Int32Array,
  l: Uint32Array, G: Float32Array, g: Float64Array, M: BigInt64Array, m: BigUint64Array, V: DataView,
};
const specials = { $undefined: undefined, $NaN: NaN, $Infinity: Infinity, '$-Infinity': -Infinity, '$-0': -0 };

// readRows parses a whole answer body (bytes) and returns get(id = 0), which
// decodes row id (the root by default): JSON rows with the value codes $$,
// $undefined, $NaN, $Infinity, $-Infinity, $-0, $n, $D, $S, $Q, $W, $K, $B,
// $i, $@ (a Promise) and references $<id> and $<id>:<path>; text rows (T);
// binary rows (ArrayBuffer, typed arrays, DataView); error rows (E), thrown
// as ActionError from the JSON in their digest (outcome.go's wireError).
// Anything else (streams, server and temporary references, Error values,
// React elements) throws an Error naming it when it is reached. The server
// writes all rows at once, so there is no streaming.
export function readRows(bytes) {
  const rows = new Map();
  const fail = (what) => {
    throw new Error('actions: malformed answer: ' + what);
  };
  for (let i = 0; i < bytes.length; ) {
    const colon = bytes.indexOf(58, i);
    const idText = utf8.decode(bytes.subarray(i, colon));
    if (colon < 0 || !/^[0-9a-f]{1,8}$/.test(idText)) fail('no row id at byte ' + i);
    const id = parseInt(idText, 16);
    const tag = String.fromCharCode(bytes[colon + 1]);
    let row;
    if (tag == 'T' || tag == 'A' || tag == 'b' || views[tag]) {
      // <id>:<tag><hex length>,<bytes>, no newline after.
      const comma = bytes.indexOf(44, colon);
      const start = comma + 1;
      const end = start + parseInt(utf8.decode(bytes.subarray(colon + 2, comma)), 16);
      if (comma < 0 || !(end <= bytes.length)) fail('row ' + idText + ' is cut short');
      row = tag == 'b' ? { tag: '?stream' } : { tag, data: bytes.slice(start, end) }; // a copy, aligned for any view
      i = end;
    } else {
      let nl = bytes.indexOf(10, colon);
      if (nl < 0) nl = bytes.length;
      const text = utf8.decode(bytes.subarray(colon + 1, nl));
      row = tag == 'E' ? { tag, data: text.slice(1) } : /^[[{"\-\dtfn]/.test(text) ? { data: text } : { tag: '?' + tag };
      i = nl + 1;
    }
    // A repeated id is a stream's chunk: not supported.
    rows.set(id, rows.has(id) ? { tag: '?stream' } : row);
  }

  const done = new Map(); // id -> decoded value, so references share it
  function row(id) {
    if (done.has(id)) return done.get(id);
    const r = rows.get(id);
    if (!r) fail('row ' + hex(id) + ' is missing');
    const { tag, data } = r;
    if (tag == 'E') throw rowError(JSON.parse(data));
    if (tag && tag[0] == '?') throw new Error(`actions: the answer has a row of kind "${tag.slice(1)}", which this runtime does not decode`);
    let value;
    if (tag == 'T') value = utf8.decode(data);
    else if (tag == 'A') value = data.buffer;
    else if (tag) value = new views[tag](data.buffer);
    else {
      // Registered before its insides are revived, so a path reference
      // into this row (to an earlier part of it) finds it.
      value = JSON.parse(data);
      done.set(id, value);
      value = revive(value);
    }
    done.set(id, value);
    return value;
  }
  // revive replaces, in place, the strings that encode other values.
  function revive(v) {
    if (typeof v == 'string') return v[0] == '$' ? decodeString(v) : v;
    if (v && typeof v == 'object') {
      for (const k of Object.keys(v)) {
        const x = revive(v[k]);
        // React's client drops a key whose value is $undefined.
        if (x === undefined && !Array.isArray(v)) delete v[k];
        else v[k] = x;
      }
    }
    return v;
  }
  function decodeString(s) {
    if (s in specials) return specials[s];
    const rest = s.slice(2);
    const ref = () => row(parseInt(rest, 16));
    switch (s[1]) {
      case '$': return s.slice(1);
      case 'n': return BigInt(rest);
      case 'D': return new Date(rest);
      case 'S': return Symbol.for(rest);
      case 'Q': return new Map(ref());
      case 'W': return new Set(ref());
      case 'i': return ref()[Symbol.iterator]();
      case 'B': {
        const [type, data] = ref();
        return new Blob([data], { type });
      }
      case 'K': {
        const f = new FormData();
        for (const [k, v] of ref()) f.append(k, v);
        return f;
      }
      case '@': {
        const p = new Promise((resolve) => resolve(ref()));
        p.catch(() => {}); // rejected and never awaited is not an error here
        return p;
      }
    }
    if (!/^\$[0-9a-f]/.test(s)) throw new Error(`actions: the answer has a value "${s.slice(0, 2)}…", which this runtime does not decode`);
    // $<id> or $<id>:<key>:<key>: a path through own properties only.
    const [id, ...path] = s.slice(1).split(':');
    let v = row(parseInt(id, 16));
    for (const k of path) {
      if (v == null || typeof v != 'object' || !Object.hasOwn(v, k)) fail('no value at ' + s);
      v = v[k];
    }
    return v;
  }
  return (id = 0) => row(id);
}

// rowError is the ActionError of an E row. The server puts its wire error
// as JSON in the digest, the one field React's production client keeps; a
// digest that is not ours (React's own server) leaves code "internal".
function rowError(e) {
  let d;
  try {
    d = JSON.parse(e.digest);
  } catch {}
  if (!d || typeof d != 'object') d = {};
  return new ActionError(d.code || 'internal', d.message || e.message || 'The action failed.', d);
}

// ---------------------------------------------------------------------------
// Pure helpers of the page code below, exported for the unit tests.

// Morphing pairs the children of an old and a new node: pairChildren
// returns, for each new child, the index of the old child it becomes, or
// -1 for a new node. An element with an id matches the old element with
// the same tag and id; else one with a name matches the next unmatched old
// one of the same tag and name (radio groups keep their order); else a node
// matches the next unmatched, unkeyed old node of the same type and tag
// after the previous match (position). Lists that reorder should carry ids.
export function pairChildren(olds, news) {
  const keyed = new Map(); // key -> old indices, in order
  olds.forEach((n, i) => {
    const k = keyOf(n);
    if (k) keyed.has(k) ? keyed.get(k).push(i) : keyed.set(k, [i]);
  });
  const used = new Set();
  let cursor = 0;
  return news.map((n) => {
    const k = keyOf(n);
    if (k) {
      const i = keyed.get(k)?.shift();
      if (i == null) return -1;
      used.add(i);
      return i;
    }
    for (let i = cursor; i < olds.length; i++) {
      const o = olds[i];
      if (!used.has(i) && !keyOf(o) && o.nodeType == n.nodeType && o.nodeName == n.nodeName) {
        used.add(i);
        cursor = i + 1;
        return i;
      }
    }
    return -1;
  });
}

function keyOf(n) {
  if (n.nodeType != 1) return '';
  const id = n.getAttribute('id');
  if (id) return n.nodeName + '#' + id;
  const name = n.getAttribute('name');
  return name ? n.nodeName + '@' + name : '';
}

// keepUserValue decides whether a form control keeps its current value
// through a morph: the control the user is in always does; another one does
// when the user changed it (dirty: its value is not its default) and the
// new page did not change its default. Otherwise the new page's value wins.
export const keepUserValue = (focused, dirty, serverChanged) => focused || (dirty && !serverChanged);

// fillText replaces each {{name}} in s with get(name), for optimistic
// templates. The result goes into text nodes and attribute values, never
// parsed as HTML.
export const fillText = (s, get) => s.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_, name) => get(name));

// Fields a stale page saves and restores: what the user typed or chose.
// Never files or passwords; never hidden inputs or buttons, which the new
// page renders (they name its actions).
const unsaved = /^(file|password|hidden|submit|image|button|reset|fieldset|output|object)$/;
const saves = (e) => e.name && e.type && !unsaved.test(e.type) && !e.name.startsWith('$ACTION_');
const isCheck = (e) => e.type == 'checkbox' || e.type == 'radio';

// snapshotFields lists [name, value] for each field of a form's elements:
// checked (a boolean) for checkboxes and radios, the selected values for a
// select, the value otherwise.
export function snapshotFields(elements) {
  return [...elements].filter(saves).map((e) => [
    e.name,
    isCheck(e) ? e.checked : e.options ? [...e.options].filter((o) => o.selected).map((o) => o.value) : e.value,
  ]);
}

// restoreFields puts a snapshot back into a form's elements: the nth field
// named x gets the nth saved value named x, when its kind still fits.
export function restoreFields(elements, saved) {
  const byName = new Map();
  for (const [name, value] of saved) byName.has(name) ? byName.get(name).push(value) : byName.set(name, [value]);
  for (const e of [...elements].filter(saves)) {
    const v = byName.get(e.name)?.shift();
    if (isCheck(e)) {
      if (typeof v == 'boolean') e.checked = v;
    } else if (e.options) {
      if (Array.isArray(v)) for (const o of e.options) o.selected = v.includes(o.value);
    } else if (typeof v == 'string') e.value = v;
  }
}

// ---------------------------------------------------------------------------
// Ordering: one action at a time per page (React's model), in order.

const inflight = new Set(); // AbortControllers of queued and running requests
let tail = Promise.resolve(); // the end of the queue

// schedule runs task(signal) after every earlier queued task has settled,
// or at once when parallel. signal aborts with abortAll() or the caller's
// own signal; a task aborted while it waits never starts.
function schedule(parallel, callerSignal, task) {
  const ctl = new AbortController();
  const signal = callerSignal ? AbortSignal.any([callerSignal, ctl.signal]) : ctl.signal;
  inflight.add(ctl);
  const run = () => {
    signal.throwIfAborted();
    return task(signal);
  };
  const p = parallel ? Promise.resolve().then(run) : tail.then(run);
  if (!parallel) tail = p.catch(() => {});
  return p.finally(() => inflight.delete(ctl));
}

// abortAll aborts every action request of this page, queued or running: the
// fetch is aborted, so the server sees the client go and cancels the
// action's context. Forms keep what the user typed; calls reject with an
// AbortError.
export function abortAll() {
  for (const ctl of inflight) ctl.abort();
}

// ---------------------------------------------------------------------------
// Calls from script

// A navigation started: the page is going away, so the request neither
// resolves nor rejects (code after an await must not run).
const navigating = Symbol('navigating');
const never = () => new Promise(() => {});

// createAction returns an async function that calls the action id on the
// server with its arguments (encodeReply) and resolves with its result, or
// rejects with an ActionError carrying the server's code, message and field
// errors. The generated actions module is made of these:
//
//	import { createAction } from "/_actions/runtime.<hash>.js";
//	export const incrementLike = createAction("<id>");
//
// Calls wait for each other and for form posts (one at a time per page);
// options.parallel skips that queue. fn.withSignal(signal) returns the same
// function bound to an AbortSignal: fn.withSignal(ctl.signal)(postId).
// A redirect navigates and the returned promise never settles; a stale page
// (the server was deployed since it loaded) reloads, keeping what the user
// typed in its forms; when the action refreshed the page, the new page is
// morphed in before the promise settles. Unexpected failures (5xx, the
// network) also fire actions:error on document and are announced, unless a
// listener calls preventDefault.
export function createAction(id, { parallel = false } = {}) {
  const bind = (signal) => async (...args) => {
    const body = encodeReply(args);
    const result = await schedule(parallel, signal, (sig) => call(id, body, sig));
    return result === navigating ? never() : result;
  };
  const fn = bind();
  fn.withSignal = bind;
  return fn;
}

async function call(id, body, signal) {
  let res, bytes;
  try {
    res = await fetch(location.pathname + location.search, {
      method: 'POST',
      headers: { [hId]: id, Accept: rowsType, [hClient]: '1' },
      body,
      signal,
    });
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    if (signal.aborted) throw err;
    throw report(document, new ActionError('network', msgNetwork));
  }
  const { status, headers } = res;
  if (headers.get(hRedirect)) return navigate(headers.get(hRedirect));
  if (status == 409 && headers.get(hStale) && reloadStale()) return navigating;
  if (!headers.get('Content-Type')?.startsWith(rowsType)) {
    // Not from the actions middleware: a proxy's error page, a refusal.
    const text = headers.get('Content-Type')?.startsWith('text/plain') ? utf8.decode(bytes).trim() : '';
    throw report(document, new ActionError(codeFor(status), text || `The server answered ${status} ${res.statusText}.`, { status }));
  }
  const get = readRows(bytes);
  if (headers.get(hRefresh) == '1') applyPage(parse(get(refreshRow)));
  try {
    return await get(0);
  } catch (err) {
    if (!(err instanceof ActionError)) throw err;
    err.status ||= status;
    if (err.code == 'redirect' && err.location) return navigate(err.location);
    throw status >= 500 ? report(document, err) : err;
  }
}

// navigate follows a redirect the server chose: it vetted the location
// (same host, or one in Options.RedirectHosts), so any http(s) URL is
// followed; anything else (javascript:) is refused.
function navigate(to) {
  const url = new URL(to, location.href);
  if (!/^https?:$/.test(url.protocol)) throw new ActionError('internal', 'Refused a redirect to ' + url.protocol);
  location.assign(url);
  return navigating;
}

// ---------------------------------------------------------------------------
// The page: status region, events, morphing

let region; // the status region this runtime made, kept through morphs

// announce says msg in the page's [data-actions-status] element (give it
// aria-live="polite" and place it where sighted users see it), else in a
// visually hidden live region made at the end of body.
function announce(msg) {
  let el = document.querySelector('[data-actions-status]');
  if (!el) {
    region = el = document.createElement('div');
    el.setAttribute('data-actions-status', '');
    el.setAttribute('role', 'status');
    el.setAttribute('aria-live', 'polite');
    el.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap';
    document.body.append(el);
  }
  el.textContent = msg;
}

const emit = (target, type, detail, cancelable = false) =>
  target.dispatchEvent(new CustomEvent(type, { bubbles: true, cancelable, detail }));

// report fires actions:error (cancelable: preventDefault to show the error
// yourself) and announces the message unless cancelled. Returns err.
function report(target, err) {
  const detail = { code: err.code, message: err.message, fields: err.fields, status: err.status, error: err };
  if (emit(target.isConnected ? target : document, 'actions:error', detail, true) && err.message) announce(err.message);
  return err;
}

const parse = (html) => new DOMParser().parseFromString(html, 'text/html');

// morphPage morphs the current page into doc (a Document or HTML text): the
// <title>, the body's attributes and its tree. Elements keep their identity
// where they pair up (pairChildren), so focus, caret, scroll position,
// listeners and the state of controls survive; controls keep what the user
// typed as keepUserValue decides. <head> is left alone, and scripts in the
// new page do not run (the page's behaviour belongs in its modules).
export function morphPage(doc) {
  if (typeof doc == 'string') doc = parse(doc);
  const active = document.activeElement;
  const { selectionStart: s, selectionEnd: e, selectionDirection: d } = active || {};
  const x = scrollX;
  const y = scrollY;
  if (doc.title && doc.title != document.title) document.title = doc.title;
  syncAttributes(document.body, doc.body);
  morphChildren(document.body, doc.body);
  // Moving a node (when the browser has no moveBefore) blurs it.
  if (active && active != document.body && document.activeElement != active) {
    const el = active.isConnected ? active : active.id && document.getElementById(active.id);
    if (el) {
      el.focus({ preventScroll: true });
      try {
        if (s != null) el.setSelectionRange(s, e, d);
      } catch {}
    }
  }
  if (scrollX != x || scrollY != y) scrollTo(x, y);
}

function morphChildren(parent, from) {
  const olds = [...parent.childNodes];
  const news = [...from.childNodes];
  const pairs = pairChildren(olds, news);
  const kept = new Set(pairs);
  // Remove first, so that what stays needs no moving.
  olds.forEach((n, i) => kept.has(i) || n == region || n.remove());
  let cursor = parent.firstChild;
  news.forEach((n, i) => {
    // A new node is moved over from the parsed page (insertBefore adopts it).
    const node = pairs[i] < 0 ? n : morphNode(olds[pairs[i]], n);
    if (node == cursor) cursor = cursor.nextSibling;
    else if (parent.moveBefore && node.isConnected && node.parentNode == parent) parent.moveBefore(node, cursor);
    else parent.insertBefore(node, cursor);
  });
}

function morphNode(old, neu) {
  if (old.nodeType != 1) {
    if (old.nodeValue != neu.nodeValue) old.nodeValue = neu.nodeValue;
    return old;
  }
  const finish = controlState(old, neu);
  syncAttributes(old, neu);
  if (old.tagName == 'TEMPLATE') morphChildren(old.content, neu.content);
  else morphChildren(old, neu);
  finish?.();
  return old;
}

function syncAttributes(old, neu) {
  for (const { name, value } of neu.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  for (const { name } of [...old.attributes]) if (!neu.hasAttribute(name)) old.removeAttribute(name);
}

const selected = (select, prop) => [...select.options].filter((o) => o[prop]).map((o) => o.value).join('\n');

// controlState reads a form control's state before its attributes change
// and returns what sets its value afterwards: the user's (kept) or the new
// page's. The value attribute is only the default; the shown value is a
// property, so it needs this.
function controlState(old, neu) {
  const tag = old.tagName;
  if (!(tag == 'INPUT' || tag == 'TEXTAREA' || tag == 'SELECT') || old.type == 'file') return;
  const [prop, def] = tag == 'SELECT' ? ['selected', 'defaultSelected'] : isCheck(old) ? ['checked', 'defaultChecked'] : ['value', 'defaultValue'];
  const read = (el, p) => (tag == 'SELECT' ? selected(el, p) : el[p]);
  const now = read(old, prop);
  const was = read(old, def);
  const next = read(neu, def);
  const keep = keepUserValue(old == document.activeElement, now !== was, was !== next);
  return () => {
    const v = keep ? now : next;
    if (tag != 'SELECT') old[prop] = v;
    else {
      const values = v.split('\n');
      for (const o of old.options) o.selected = values.includes(o.value);
    }
  };
}

// ---------------------------------------------------------------------------
// Pending state and optimistic items, kept through morphs

// held: element -> {n, busy, label, undo}: how many requests hold it
// pending, and how to put back what marking it changed.
const held = new Map();
const shown = new Set(); // optimistic items on the page: {nodes, target, prepend}

function mark(el, h) {
  const undo = (h.undo = []);
  const set = (name, value) => {
    const old = el.getAttribute(name);
    undo.push(() => (old == null ? el.removeAttribute(name) : el.setAttribute(name, old)));
    el.setAttribute(name, value);
  };
  if (h.busy) {
    set('aria-busy', 'true');
    set('data-pending', '');
  }
  if (el.tagName != 'FORM') set('disabled', '');
  if (h.label) {
    if (el.tagName == 'INPUT') set('value', h.label);
    else {
      const kids = [...el.childNodes];
      el.textContent = h.label;
      undo.push(() => el.replaceChildren(...kids));
    }
  }
}
const unmark = (h) => h.undo.reverse().forEach((f) => f());

// hold marks el pending for one more request; the marks go when the last
// one lets go, restoring exactly what was there (a button disabled before
// stays disabled).
function hold(el, busy, label) {
  let h = held.get(el);
  if (h) unmark(h);
  else held.set(el, (h = { n: 0 }));
  h.n++;
  h.busy ||= busy;
  h.label ||= label;
  mark(el, h);
}

function release(el) {
  const h = held.get(el);
  if (h && !--h.n) {
    unmark(h);
    held.delete(el);
  }
}

function place(item) {
  document.querySelector(item.target)?.[item.prepend ? 'prepend' : 'append'](...item.nodes);
}

// applyPage morphs doc in. Pending marks and optimistic items of requests
// still in flight are lifted first and put back after, so the morph
// compares the page with the server's and they survive it.
function applyPage(doc) {
  const marks = [...held];
  marks.forEach(([, h]) => unmark(h));
  shown.forEach((item) => item.nodes.forEach((n) => n.remove()));
  morphPage(doc);
  shown.forEach(place);
  marks.forEach(([el, h]) => mark(el, h));
}

// showOptimistic fills and shows every <template data-optimistic="<form
// id>" data-target="<selector>" data-position="append|prepend"> of form:
// each {{name}} in its text and attribute values becomes the submitted
// field's value (a file's name), as text. Each top-level element gets
// data-optimistic. The items go when the answer comes: the server's page
// replaces them, or, on failure, nothing does (rollback).
function showOptimistic(form, data) {
  const items = [];
  const get = (name) => {
    const v = data.get(name);
    return v == null ? '' : typeof v == 'string' ? v : v.name;
  };
  if (form.id) {
    for (const t of document.querySelectorAll('template[data-optimistic]')) {
      if (t.dataset.optimistic != form.id) continue;
      const frag = t.content.cloneNode(true);
      const walk = document.createTreeWalker(frag, 5); // elements and text
      for (let n; (n = walk.nextNode()); ) {
        if (n.nodeType == 3) n.data = fillText(n.data, get);
        else for (const a of n.attributes) a.value = fillText(a.value, get);
      }
      const item = { nodes: [...frag.childNodes], target: t.dataset.target, prepend: t.dataset.position == 'prepend' };
      item.nodes.forEach((n) => n.nodeType == 1 && n.setAttribute('data-optimistic', ''));
      place(item);
      shown.add(item);
      items.push(item);
    }
  }
  return items;
}

// ---------------------------------------------------------------------------
// Forms

const idle = Object.freeze({ pending: false, data: null, method: null, action: null });
const statuses = new WeakMap(); // form -> statuses of its submissions in flight

// formStatus(form) is useFormStatus for a form: {pending, data (the
// FormData sent), method ("post"), action (the action id, or the URL posted
// to)} of its latest submission in flight, else {pending: false, …null}.
// The same object is the detail of the actions:pending and actions:settled
// events the form fires (settled with pending false).
export function formStatus(form) {
  const list = statuses.get(form);
  return list?.length ? list[list.length - 1] : idle;
}

const actionField = /^\$ACTION_(ID|REF)_/;
const submits = (el) => el.type == 'submit' || el.type == 'image';

// postsAction tells whether submitting form with sub sends an action
// field, as the server will see it: a field (not a button) named
// $ACTION_ID_… or $ACTION_REF_…, or the submitter named so.
const postsAction = (form, sub) =>
  [...form.elements].some((el) => actionField.test(el.name) && (el == sub || !(submits(el) || el.type == 'button' || el.type == 'reset')));

function onSubmit(event) {
  const form = event.target;
  const sub = event.submitter;
  // The app's own handlers ran first (this listener is on document, in the
  // bubbling phase): one that prevented the submission wins.
  if (event.defaultPrevented || form.dataset.actions == 'off' || sub?.dataset.actions == 'off' || !postsAction(form, sub)) return;
  const attr = (name) => sub?.getAttribute('form' + name) ?? form.getAttribute(name);
  if (attr('method')?.toLowerCase() != 'post' || (attr('target') || '_self') != '_self') return;
  const action = attr('action');
  const url = action ? new URL(action, document.baseURI) : new URL(location.href);
  if (url.origin != location.origin) return; // the browser posts it
  event.preventDefault();

  const data = new FormData(form, sub); // before the buttons are disabled
  let id = url.href;
  for (const k of data.keys()) if (k.startsWith('$ACTION_ID_')) id = k.slice(11); // the last wins, as on the server
  const status = { pending: true, data, method: 'post', action: id };
  statuses.has(form) ? statuses.get(form).push(status) : statuses.set(form, [status]);
  const req = { form, status, holds: [form, ...[...form.elements].filter(submits)], items: [] };
  hold(form, true);
  for (const b of req.holds.slice(1)) hold(b, b == sub, b == sub && b.dataset.pendingLabel);
  try {
    req.items = showOptimistic(form, data);
  } catch (err) {
    reportError(err); // a bad template must not lose the submission
  }
  emit(form, 'actions:pending', status);
  const parallel = form.hasAttribute('data-parallel') || !!sub?.hasAttribute('data-parallel');
  schedule(parallel, null, (signal) => post(req, url, data, signal)).catch((err) => {
    settle(req); // aborted while queued, or a fault below
    if (err?.name != 'AbortError') reportError(err);
  });
}

// post sends a form and applies the answer.
async function post(req, url, data, signal) {
  let res, text;
  try {
    res = await fetch(url, { method: 'POST', body: data, headers: { [hClient]: '1', Accept: 'text/html' }, signal });
    text = await res.text();
  } catch {
    return settle(req, signal.aborted ? null : new ActionError('network', msgNetwork));
  }
  const { status, headers } = res;
  if (headers.get(hRedirect)) return navigate(headers.get(hRedirect));
  // Something else redirected the post (a login wall): show where it led.
  if (res.redirected) return navigate(res.url);
  if (status == 409 && headers.get(hStale) && reloadStale()) return;
  const outcome = headers.get(hOutcome);
  const html = headers.get('Content-Type')?.startsWith('text/html');
  // A page that comes back shows its own errors; only a server failure is
  // announced too. A refusal in plain text is all there is to show.
  const err = res.ok ? null : new ActionError(outcome || codeFor(status), html ? (status >= 500 ? msgServer : '') : text.trim() || res.statusText, { status });
  settle(req, err, html && parse(text), outcome == 'ok');
}

// settle ends a form's submission: pending marks and its optimistic items
// go, the answer's page is morphed in, the form is reset after success
// (React 19 does; data-reset="false" opts out), then actions:error and
// actions:settled fire.
function settle(req, err, doc, ok) {
  if (req.done) return;
  req.done = true;
  const { form, status } = req;
  req.holds.forEach(release);
  for (const item of req.items) {
    shown.delete(item);
    item.nodes.forEach((n) => n.remove());
  }
  const list = statuses.get(form);
  list.splice(list.indexOf(status), 1);
  if (doc) applyPage(doc);
  if (ok && form.isConnected && form.dataset.reset != 'false') form.reset();
  if (err) report(form, err);
  emit(form.isConnected ? form : document, 'actions:settled', { ...status, pending: false });
}

// ---------------------------------------------------------------------------
// Stale pages: reload, keeping what the user typed

const staleKey = () => 'actions:stale:' + location.pathname;
const reloadedKey = 'actions:reloaded';
const actionForms = () => [...document.forms].filter((f) => [...f.elements].some((el) => actionField.test(el.name)));
const formKey = (form, i) => (form.id ? 'id:' + form.id : 'n:' + i);

// reloadStale saves every action form's fields in sessionStorage and
// reloads. It declines (false) when it reloaded for the same reason moments
// ago, so that a page calling an action on load cannot reload forever.
function reloadStale() {
  try {
    if (Date.now() - sessionStorage.getItem(reloadedKey) < 10000) return false;
    sessionStorage.setItem(reloadedKey, Date.now());
    const saved = {};
    actionForms().forEach((f, i) => (saved[formKey(f, i)] = snapshotFields(f.elements)));
    sessionStorage.setItem(staleKey(), JSON.stringify(saved));
  } catch {} // no storage: reload all the same
  location.reload();
  return true;
}

function restoreForms() {
  let saved;
  try {
    saved = JSON.parse(sessionStorage.getItem(staleKey()));
    sessionStorage.removeItem(staleKey());
  } catch {}
  if (!saved) return;
  actionForms().forEach((f, i) => saved[formKey(f, i)] && restoreFields(f.elements, saved[formKey(f, i)]));
  announce(msgStale);
}

// Installed once per page, even if two copies of the runtime load.
const installed = Symbol.for('goactions.runtime');
if (typeof document != 'undefined' && !globalThis[installed]) {
  globalThis[installed] = true;
  document.addEventListener('submit', onSubmit);
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', restoreForms);
  else restoreForms();
}
