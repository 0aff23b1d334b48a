// runtime.js: the browser side of github.com/goactions/actions.
//
// One hand-written ES module with no dependencies, for browsers with fetch,
// FormData(form, submitter), requestSubmit and AbortSignal.any (all current
// ones). Browsers get runtime.min.js, this file minified by minify.mjs:
// after an edit, run go generate ./clientjs. The Go package clientjs embeds
// that copy and serves it from a content-hashed URL; a page loads it with
//
//	<script type="module" src="/_actions/runtime.<hash>.js"></script>
//
// and the generated actions module imports createAction from the same URL,
// so both share this one instance.
//
// Without this file every action form still works: the browser posts it and
// the server answers 303 or the page rendered again. With it:
//   - a form that posts an action is sent with fetch and the page that comes
//     back is morphed into the current one, keeping focus, caret, scroll and
//     what the user is typing; pending marks, optimistic items, the reset
//     after success, stale pages and errors are handled ("Forms" below);
//   - createAction(id) gives an async function calling the action from
//     script in React 19's reply format and Flight rows (WIRE.md).
//
// What a page writes, in HTML:
//   - <form method="post"> with a field named $ACTION_ID_<id> or
//     $ACTION_REF_<n>, or submitted by a button so named: sent with fetch.
//     data-actions="off" on the form or the button: posted by the browser.
//   - data-parallel on the form or button: skips the one-at-a-time queue.
//   - data-reset="false" on the form: keeps its values after a success
//     (without it, a control the user changed while the form was pending
//     keeps what they typed meanwhile, and the others are reset).
//   - data-pending-label="Creating…" on a button: its label while pending.
//   - <template data-optimistic="<form id>" data-target="<selector>"
//     data-position="append|prepend">: what to show at once (showOptimistic).
//     In it, data-slot="<field>" on an element makes its text the value the
//     form sends as field; data-slot-<attr>="<field>" sets attribute <attr>
//     to it (data-slot-title, data-slot-href…). Never markup or script: a
//     slot for an on* attribute or srcdoc is refused, and a javascript: URL
//     is not set as href, src, action or formaction.
//   - an element with data-actions-status (and aria-live="polite"): where
//     messages are announced; else a visually hidden one is added.
// While a form is pending it and its submitter have aria-busy="true" and
// data-pending, and its submit buttons are disabled. Its events bubble:
// actions:pending and actions:settled (detail: formStatus), actions:error
// (cancelable; detail: {code, message, fields, status, error}).
//
// Nothing touches the DOM before the last lines, so Node's test runner
// imports the file (and the minified copy) as it is.

// The HTTP side of the protocol (protocol.go has the server's names).
const hId = 'Action-Id'; // the action a script calls
const hClient = 'Action-Client'; // "1": sent by this runtime, answer for it
const hRedirect = 'Action-Redirect'; // where the action redirected to
const hStale = 'Action-Stale'; // "1" on a 409: the page is older than the server
const hOutcome = 'Action-Outcome'; // "ok" after a successful form post, else the error's code
const hRefresh = 'Action-Refresh'; // "1": the rows carry the page again
const rowsType = 'text/x-component';
const refreshRow = 0x7fffffff; // the text row that holds the refreshed page

const msgNetwork = 'Could not reach the server. Your entries are kept; try again.';
const msgServer = 'Something went wrong on the server. Your entries are kept; try again.';
const msgStale = 'This page was updated. Please check your entries and submit again.';

const hex = (n) => n.toString(16);

// ActionError is what a failed call rejects with and what actions:error
// events describe: code is the server's (invalid_argument, forbidden,
// internal, … see outcome.go; "network" when the server could not be
// reached), fields the messages of invalid fields by name, status the HTTP
// status (0 without one), id the correlation id of an internal error (the
// server's log has the detail under it).
export class ActionError extends Error {
  constructor(code, message, init) {
    super(message);
    Object.assign(this, { name: 'ActionError', code, fields: {}, status: 0 }, init);
  }
}

// codeFor is the code of an answer that names none: a refusal in plain
// text, a proxy's error page. The server names it in Action-Outcome.
export const codeFor = (status, headers) =>
  headers?.get(hOutcome) || { 403: 'forbidden', 413: 'too_large', 504: 'timeout' }[status] || (status < 500 ? 'bad_request' : 'internal');

// ---------------------------------------------------------------------------
// Arguments: React's reply format (WIRE.md §1)

// The tags of binary data (in a reply's part names and in binary rows), as
// the classes of the views they stand for; ArrayBuffer is "A".
const views = {
  O: Int8Array, o: Uint8Array, U: Uint8ClampedArray, S: Int16Array, s: Uint16Array, L: Int32Array,
  l: Uint32Array, G: Float32Array, g: Float64Array, M: BigInt64Array, m: BigUint64Array, V: DataView,
};

// encodeReply encodes a call's argument list as React's encodeReply does,
// byte for byte (the tests compare them): a JSON string when everything is
// inline, else a FormData whose field "0" is the root. It walks as React
// does (JSON.stringify with a replacer, parts numbered as they are met, a
// Map's part written after the parts inside it), so the server decodes both
// alike. One difference: a value met twice is written twice, where React
// writes a path to the first ("$0:1:k"); the server decodes the same data.
// Refused with a TypeError, as React refuses them: symbols, functions,
// promises, class instances, null-prototype objects; and cycles, which
// React sends as paths and the server refuses.
export function encodeReply(root) {
  let next = 1; // the next part's number
  let form = null; // made when the first value needs a part of its own
  const open = new Set(); // the Maps and Sets being written
  const fd = () => (form ||= new FormData());
  const part = (tag, value) => {
    fd().append(next, value);
    return '$' + tag + hex(next++);
  };
  function replace(key, value) {
    const type = typeof value;
    if (value && type == 'object') {
      const tag = Object.keys(views).find((t) => value instanceof views[t]);
      const proto = Object.getPrototypeOf(value);
      if (Array.isArray(value)) return value;
      if (value instanceof FormData) {
        const id = next++;
        const into = fd();
        value.forEach((v, k) => into.append('_' + id + '_' + k, v));
        return '$K' + hex(id);
      }
      if (value instanceof Map || value instanceof Set) {
        // Its part is numbered before the parts inside it, appended after.
        // (A cycle that does not pass through one is JSON.stringify's
        // TypeError.)
        if (open.has(value)) throw new TypeError('A server action argument cannot contain a cycle.');
        const id = next++;
        open.add(value);
        const json = JSON.stringify([...value], replace);
        open.delete(value);
        fd().append(id, json);
        return '$' + (value instanceof Map ? 'Q' : 'W') + hex(id);
      }
      if (value instanceof ArrayBuffer) return part('A', new Blob([value]));
      if (tag) return part(tag, new Blob([new Uint8Array(value.buffer, value.byteOffset, value.byteLength)]));
      if (value instanceof Blob) return part('B', value);
      // Plain objects only (Object.prototype of any realm).
      if (proto && !Object.getPrototypeOf(proto) && typeof value.then != 'function') return value;
      throw new TypeError('A server action cannot take ' + (proto?.constructor?.name || 'a null-prototype object') + ' values.');
    }
    // JSON.stringify has already turned a Date into its toJSON() string;
    // the holder still has the Date.
    if (type == 'string') return this[key] instanceof Date ? '$D' + value : value[0] == '$' ? '$' + value : value;
    if (type == 'number') {
      if (Number.isFinite(value)) return Object.is(value, -0) ? '$-0' : value;
      return value > 0 ? '$Infinity' : value < 0 ? '$-Infinity' : '$NaN';
    }
    if (type == 'bigint') return '$n' + value;
    if (type == 'undefined') return '$undefined';
    if (type == 'boolean' || value === null) return value;
    throw new TypeError('A server action cannot take ' + type + ' values.');
  }
  const json = JSON.stringify(root, replace);
  if (!form) return json;
  form.set('0', json);
  return form;
}

// ---------------------------------------------------------------------------
// Answers: Flight rows (WIRE.md §2), a small subset

const utf8 = new TextDecoder();
const specials = { $undefined: undefined, $NaN: NaN, $Infinity: Infinity, '$-Infinity': -Infinity, '$-0': -0 };
const unknown = (what) => new Error('actions: the answer has ' + what + ', which this runtime does not decode');
const malformed = (what) => new Error('actions: malformed answer: ' + what);

// readRows parses a whole answer body (bytes) and returns get(id = 0),
// which decodes row id, the root by default. It decodes JSON rows with the
// codes $$, $undefined, $NaN, $Infinity, $-Infinity, $-0, $n (bigint), $D
// (Date), $S (Symbol.for), $i (iterator), $Q (Map), $W (Set), $@ (a
// Promise) and the references $<id> and $<id>:<path>; text rows (T); binary
// rows (ArrayBuffer, typed arrays, DataView: what Go's []byte becomes);
// error rows (E), thrown as the ActionError in their digest. Anything else
// (FormData, Blob, streams, server and temporary references, Error values)
// throws an Error naming it when the value is reached. The server writes
// all rows at once, so this does not stream.
export function readRows(bytes) {
  const rows = new Map();
  for (let i = 0; i < bytes.length; ) {
    const colon = bytes.indexOf(58, i);
    const id = utf8.decode(bytes.subarray(i, colon));
    if (colon < 0 || !/^[0-9a-f]{1,8}$/.test(id)) throw malformed('no row id at byte ' + i);
    const tag = String.fromCharCode(bytes[colon + 1]);
    let row;
    if ('TAb'.includes(tag) || views[tag]) {
      // <id>:<tag><hex length>,<bytes>, no newline after.
      const comma = bytes.indexOf(44, colon);
      const end = comma + 1 + parseInt(utf8.decode(bytes.subarray(colon + 2, comma)), 16);
      if (comma < 0 || !(end <= bytes.length)) throw malformed('row ' + id + ' is cut short');
      row = { tag: tag == 'b' ? '?stream' : tag, data: bytes.slice(comma + 1, end) }; // a copy, aligned for any view
      i = end;
    } else {
      const nl = bytes.indexOf(10, colon);
      const text = utf8.decode(bytes.subarray(colon + 1, nl < 0 ? bytes.length : nl));
      row = tag == 'E' ? { tag, data: text.slice(1) } : /^[[{"\-\dtfn]/.test(text) ? { data: text } : { tag: '?' + tag };
      i = nl < 0 ? bytes.length : nl + 1;
    }
    // A repeated id is a stream's chunk: not decoded.
    rows.set(parseInt(id, 16), rows.has(parseInt(id, 16)) ? { tag: '?stream' } : row);
  }

  const done = new Map(); // id -> its value, so references share it
  function row(id) {
    if (done.has(id)) return done.get(id);
    const { tag, data } = rows.get(id) || {};
    if (!data && !tag) throw malformed('row ' + hex(id) + ' is missing');
    if (tag == 'E') throw rowError(JSON.parse(data));
    if (tag?.[0] == '?') throw unknown('a row of kind "' + tag.slice(1) + '"');
    let value;
    if (tag == 'T') value = utf8.decode(data);
    else if (tag == 'A') value = data.buffer;
    else if (tag) value = new views[tag](data.buffer);
    else {
      // Known before its insides are revived, so that a path into this
      // row (to an earlier part of it) finds it.
      done.set(id, (value = JSON.parse(data)));
      value = revive(value);
    }
    done.set(id, value);
    return value;
  }
  // revive replaces, in place, the strings that stand for other values.
  function revive(v) {
    if (typeof v == 'string') return v[0] == '$' ? decode(v) : v;
    if (v && typeof v == 'object') {
      for (const k of Object.keys(v)) {
        const x = revive(v[k]);
        // React's client drops a property whose value is $undefined.
        if (x === undefined && !Array.isArray(v)) delete v[k];
        else v[k] = x;
      }
    }
    return v;
  }
  function decode(s) {
    if (s in specials) return specials[s];
    const rest = s.slice(2);
    const ref = () => row(parseInt(rest, 16));
    switch (s[1]) {
      case '$': return s.slice(1);
      case 'n': return BigInt(rest);
      case 'D': return new Date(rest);
      case 'S': return Symbol.for(rest);
      case 'i': return ref()[Symbol.iterator]();
      case 'Q': return new Map(ref());
      case 'W': return new Set(ref());
      case '@': {
        const p = new Promise((resolve) => resolve(ref()));
        p.catch(() => {}); // rejected and never awaited is no error here
        return p;
      }
    }
    if (!/^\$[0-9a-f]/.test(s)) throw unknown('a value "' + s.slice(0, 2) + '…"');
    // $<id> or $<id>:<key>:<key>…: a path through own properties only.
    const [id, ...path] = s.slice(1).split(':');
    let v = row(parseInt(id, 16));
    for (const k of path) {
      if (!Object.hasOwn(Object(v), k)) throw malformed('no value at ' + s);
      v = v[k];
    }
    return v;
  }
  return (id = 0) => row(id);
}

// rowError is the ActionError of an E row. The server puts its wire error
// as JSON in the digest, the one field React's production client keeps
// ({code, message, fields, location, id}); another digest (React's own
// server) gives code "internal" and the row's message.
function rowError(e) {
  let d;
  try {
    d = JSON.parse(e.digest);
  } catch {}
  d = d?.constructor == Object ? d : {};
  return new ActionError(d.code || 'internal', d.message || e.message || 'The action failed.', d);
}

// ---------------------------------------------------------------------------
// Pure helpers of the page code below, exported for the unit tests

// pairChildren pairs the children of an old and a new node for a morph: for
// each new child, the index of the old child it becomes, or -1 for a new
// node. An element with an id pairs with the old element of the same tag
// and id; else one with a name pairs with the next unpaired old one of the
// same tag and name (radio groups keep their order); else a node pairs with
// the next unpaired, unkeyed old node of the same type and tag after the
// previous such pair (position). Lists that reorder should carry ids.
export function pairChildren(olds, news) {
  const keyed = new Map(); // key -> old indices, in order
  const used = new Set();
  let cursor = 0;
  olds.forEach((n, i) => keyOf(n) && keyed.set(keyOf(n), [...(keyed.get(keyOf(n)) || []), i]));
  return news.map((n) => {
    const k = keyOf(n);
    if (k) return keyed.get(k)?.shift() ?? -1;
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
  const id = n.nodeType == 1 && n.getAttribute('id');
  const name = n.nodeType == 1 && n.getAttribute('name');
  return id ? n.nodeName + '#' + id : name ? n.nodeName + '@' + name : '';
}

// keepUserValue decides whether a control keeps its current value through a
// morph: the control the user is in always does; another one does when the
// user changed it (dirty: its value is not its default) and the new page did
// not change its default. Otherwise the new page's value wins. (A select
// keeps the user's choice, as the browser does when options change.)
export const keepUserValue = (focused, dirty, serverChanged) => focused || (dirty && !serverChanged);

// fillSlots fills the slots of el, an element of an optimistic template's
// copy, with get(field): data-slot="<field>" replaces its text,
// data-slot-<attr>="<field>" sets attribute <attr>, always as text. It
// throws for a slot that could run script (an on* attribute, or srcdoc,
// which is HTML) and leaves a URL attribute unset rather than make it a
// javascript: URL: the value is what a user typed.
export function fillSlots(el, get) {
  for (const { name, value } of [...el.attributes]) {
    const attr = name.slice(10); // after "data-slot-"
    if (name == 'data-slot') el.textContent = get(value);
    else if (name.startsWith('data-slot-')) {
      if (/^on|^srcdoc$/i.test(attr)) throw new Error('actions: an optimistic template cannot fill ' + attr + ' (' + name + ')');
      const v = get(value);
      if (!/^(href|src|action|formaction)$/i.test(attr) || !isScriptURL(v)) el.setAttribute(attr, v);
    }
  }
}

// isScriptURL says whether a browser takes url as a javascript: URL. Its
// URL parser drops tabs and newlines anywhere, and spaces and control
// characters before the scheme, whose case does not matter.
const isScriptURL = (url) => /^javascript:/i.test(url.replace(/[\t\n\r]/g, '').replace(/^[\0- ]+/, ''));

// What a stale page saves and restores: what the user typed or chose. Never
// files or passwords; never hidden inputs or buttons, which the new page
// renders (they name its actions).
const unsaved = /^(file|password|hidden|submit|image|button|reset|fieldset|output|object)$/;
const saved = (e) => e.name && e.type && !unsaved.test(e.type) && !e.name.startsWith('$ACTION_');
const isCheck = (e) => e.type == 'checkbox' || e.type == 'radio';
const chosen = (select) => [...select.options].filter((o) => o.selected).map((o) => o.value);

// snapshotFields lists [name, value] for the fields of a form's elements:
// checked (a boolean) for checkboxes and radios, the chosen values (an
// array) for a select, the value (a string) otherwise.
export const snapshotFields = (elements) =>
  [...elements].filter(saved).map((e) => [e.name, isCheck(e) ? e.checked : e.options ? chosen(e) : e.value]);

// restoreFields puts a snapshot back: the nth field named x gets the nth
// saved value named x, when its kind still fits.
export function restoreFields(elements, snapshot) {
  const values = {};
  for (const [name, v] of snapshot) (values['=' + name] ||= []).push(v);
  for (const e of [...elements].filter(saved)) {
    const v = values['=' + e.name]?.shift();
    if (isCheck(e) ? typeof v == 'boolean' : e.options ? Array.isArray(v) : typeof v == 'string') {
      if (isCheck(e)) e.checked = v;
      else if (e.options) for (const o of e.options) o.selected = v.includes(o.value);
      else e.value = v;
    }
  }
}

// ---------------------------------------------------------------------------
// Ordering: one action at a time per page (React's model)

const inflight = new Set(); // AbortControllers of queued and running requests
let tail = Promise.resolve(); // the end of the queue

// schedule runs task(signal) once every earlier queued task has settled, or
// at once when parallel. The signal aborts with abortAll() or the caller's
// own; a task aborted while it waits never starts.
function schedule(parallel, callerSignal, task) {
  const ctl = new AbortController();
  const signal = callerSignal ? AbortSignal.any([callerSignal, ctl.signal]) : ctl.signal;
  const run = () => (signal.throwIfAborted(), task(signal));
  const p = parallel ? Promise.resolve().then(run) : tail.then(run);
  if (!parallel) tail = p.catch(() => {});
  inflight.add(ctl);
  return p.finally(() => inflight.delete(ctl));
}

// abortAll aborts every action request of the page, queued or running: its
// fetch is aborted, so the server sees the client go and cancels the
// action's context. Forms keep what the user typed; calls reject with an
// AbortError.
export function abortAll() {
  for (const ctl of inflight) ctl.abort();
}

// ---------------------------------------------------------------------------
// Calls from script

// A navigation started: the page is going away, so the call neither
// resolves nor rejects (code after its await must not run).
const navigating = Symbol('navigating');

// createAction returns an async function that calls action id with its
// arguments (encodeReply) and resolves with its result, or rejects with an
// ActionError carrying the server's code, message and field errors. The
// generated actions module is made of these:
//
//	import { createAction } from "/_actions/runtime.<hash>.js";
//	export const incrementLike = createAction("<id>");
//
// Calls wait for each other and for form posts (one at a time per page);
// options.parallel skips that queue. fn.withSignal(signal) returns the same
// function bound to an AbortSignal: fn.withSignal(ctl.signal)(postId).
// A redirect navigates and the promise never settles; a stale page (the
// server was deployed since it loaded) reloads, keeping what the user typed
// in its forms; when the action refreshed the page, the new page is morphed
// in before the promise settles. A 5xx or a network failure also fires
// actions:error on document and is announced, unless a listener calls
// preventDefault.
export function createAction(id, { parallel } = {}) {
  const bind = (signal) => async (...args) => {
    const body = encodeReply(args);
    const result = await schedule(parallel, signal, (sig) => call(id, body, sig));
    return result == navigating ? new Promise(() => {}) : result;
  };
  const fn = bind();
  fn.withSignal = bind;
  return fn;
}

async function call(id, body, signal) {
  const answer = await request(location.pathname + location.search, { [hId]: id, Accept: rowsType }, body, signal).catch((err) => {
    throw signal.aborted ? err : report(document, err);
  });
  if (answer == navigating) return answer;
  const [res, bytes, type] = answer;
  if (!type.startsWith(rowsType)) {
    // Not the middleware's answer: a refusal in plain text, a proxy's page.
    const text = type.startsWith('text/plain') && utf8.decode(bytes).trim();
    throw report(document, new ActionError(codeFor(res.status, res.headers), text || 'The server answered ' + res.status + '.', { status: res.status }));
  }
  const get = readRows(bytes);
  if (res.headers.get(hRefresh) == '1') applyPage(get(refreshRow));
  try {
    return await get();
  } catch (err) {
    if (!(err instanceof ActionError)) throw err;
    err.status ||= res.status;
    if (err.code == 'redirect' && err.location) return navigate(err.location);
    throw res.ok || res.status < 500 ? err : report(document, err);
  }
}

// request posts body to url with the runtime's header and reads the whole
// answer: [response, bytes, content type], or navigating when the answer
// ends the page: a redirect the action chose (Action-Redirect), one that
// something else made (a login wall: fetch followed it), a stale page (it
// reloads). A network failure is an ActionError with code "network".
async function request(url, headers, body, signal) {
  let res, bytes;
  try {
    res = await fetch(url, { method: 'POST', headers: { [hClient]: '1', ...headers }, body, signal });
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw signal.aborted ? err : new ActionError('network', msgNetwork);
  }
  const redirect = res.headers.get(hRedirect) || (res.redirected && res.url);
  if (redirect) return navigate(redirect);
  if (res.status == 409 && res.headers.get(hStale) && reloadStale()) return navigating;
  return [res, bytes, res.headers.get('Content-Type') || ''];
}

// navigate follows a redirect the server chose. The server vetted the
// location (its own host or one in Options.RedirectHosts), so any http(s)
// URL is followed; another scheme (javascript:) is refused.
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
// aria-live="polite" and put it where sighted users see it too), else in a
// visually hidden live region it adds at the end of body.
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

// emit dispatches a bubbling CustomEvent on target (on document once the
// target has left the page); false when a listener prevented it.
const emit = (target, type, detail, cancelable) =>
  (target.isConnected ? target : document).dispatchEvent(new CustomEvent(type, { bubbles: true, cancelable, detail }));

// report fires actions:error with {code, message, fields, status, error}
// and, unless a listener prevents it (to show the error itself), announces
// the message, with an unexpected error's correlation id as the page
// rendered after a form shows it: "(reference <id>)", for the user to
// quote. It returns err.
function report(target, err) {
  const { code, message, fields, status, id } = err;
  if (emit(target, 'actions:error', { code, message, fields, status, error: err }, true) && message) {
    announce(id ? message + ' (reference ' + id + ')' : message);
  }
  return err;
}

// morphPage morphs the current page into html (text or a Document): the
// <title>, the body's attributes and its tree. Elements keep their identity
// where they pair up (pairChildren), and with it focus, caret, scroll,
// listeners and the state of controls; a control keeps what the user typed
// as keepUserValue decides. <head> stays as it is, and scripts in the new
// page do not run (a page's behaviour belongs in its modules).
export function morphPage(html) {
  const doc = typeof html == 'string' ? new DOMParser().parseFromString(html, 'text/html') : html;
  const active = document.activeElement;
  const { selectionStart: s, selectionEnd: e, selectionDirection: d } = active || {};
  const [x, y] = [scrollX, scrollY];
  if (doc.title) document.title = doc.title;
  morphNode(document.body, doc.body);
  // Moving a node blurs it (where the browser has no moveBefore).
  const el = active?.isConnected ? active : active?.id && document.getElementById(active.id);
  if (el && el != document.activeElement) {
    el.focus({ preventScroll: true });
    try {
      s == null || el.setSelectionRange(s, e, d);
    } catch {}
  }
  if (scrollX != x || scrollY != y) scrollTo(x, y);
}

function morphNode(old, neu) {
  if (old.nodeType != 1) {
    if (old.nodeValue != neu.nodeValue) old.nodeValue = neu.nodeValue;
    return old;
  }
  // A control's shown value is a property; the value attribute is only its
  // default. Read both before the attributes change.
  const prop = isCheck(old) ? 'checked' : 'value';
  const def = isCheck(old) ? 'defaultChecked' : 'defaultValue';
  const control = /^(INPUT|TEXTAREA)$/.test(old.tagName) && !/^(file|hidden|submit|image|reset|button)$/.test(old.type);
  const [now, was] = [old[prop], old[def]];
  for (const { name, value } of neu.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  for (const { name } of [...old.attributes]) if (!neu.hasAttribute(name)) old.removeAttribute(name);

  const [parent, from] = old.tagName == 'TEMPLATE' ? [old.content, neu.content] : [old, neu];
  // The status region this runtime added is no part of the server's page.
  const olds = [...parent.childNodes].filter((n) => n != region);
  const news = [...from.childNodes];
  const pairs = pairChildren(olds, news);
  const kept = new Set(pairs);
  // Remove first, so that what stays needs no moving.
  olds.forEach((n, i) => kept.has(i) || n.remove());
  let cursor = parent.firstChild;
  news.forEach((n, i) => {
    // A new node moves over from the parsed page (insertBefore adopts it).
    const node = pairs[i] < 0 ? n : morphNode(olds[pairs[i]], n);
    if (node == cursor) cursor = cursor.nextSibling;
    else if (parent.moveBefore && node.parentNode == parent && node.isConnected) parent.moveBefore(node, cursor);
    else parent.insertBefore(node, cursor);
  });

  if (control) old[prop] = keepUserValue(old == document.activeElement, now !== was, was !== neu[def]) ? now : neu[def];
  return old;
}

// ---------------------------------------------------------------------------
// Pending marks and optimistic items, kept through morphs

// pending: form -> {n, sub, status, undo}: how many of its submissions are
// in flight, the latest one's submitter and status, and how to take the
// marks off again, restoring exactly what was there (a button disabled
// before stays disabled).
const pending = new Map();
const shown = new Set(); // the optimistic items on the page: {nodes, target, prepend}
const submits = (el) => el.type == 'submit' || el.type == 'image';

// mark marks a form pending: aria-busy and data-pending on it and on the
// submitter, every submit button of the form disabled, the submitter's
// data-pending-label shown in place of its label.
function mark(form, h) {
  const undo = (h.undo = []);
  const set = (el, name, value) => {
    const old = el.getAttribute(name);
    undo.push(() => (old == null ? el.removeAttribute(name) : el.setAttribute(name, old)));
    el.setAttribute(name, value);
  };
  for (const el of [form, ...form.elements]) {
    if (el == form || el == h.sub) set(el, 'aria-busy', 'true'), set(el, 'data-pending', '');
    if (submits(el)) set(el, 'disabled', '');
  }
  const sub = h.sub;
  const label = sub?.dataset.pendingLabel;
  if (label && sub.tagName == 'INPUT') set(sub, 'value', label);
  else if (label) {
    const kids = [...sub.childNodes];
    sub.textContent = label;
    undo.push(() => sub.replaceChildren(...kids));
  }
}
const unmark = (h) => h.undo.reverse().forEach((f) => f());

function place(item) {
  document.querySelector(item.target)?.[item.prepend ? 'prepend' : 'append'](...item.nodes);
}

// applyPage morphs html in. The pending marks and optimistic items of
// requests still in flight are lifted first and put back after, so that
// the morph compares the page with the server's and they survive it.
function applyPage(html) {
  pending.forEach(unmark);
  shown.forEach((item) => item.nodes.forEach((n) => n.remove()));
  morphPage(html);
  shown.forEach(place);
  pending.forEach((h, form) => mark(form, h));
}

// showOptimistic shows a copy of every <template data-optimistic="<form
// id>" data-target="<selector>" data-position="append|prepend"> of form,
// its slots filled (fillSlots) with the values sent (a file's name). Its
// top-level elements get data-optimistic. They go when the answer comes:
// the server's page has the real items, or, after a failure, none
// (rollback). All are filled before any is shown, so a refused template
// shows nothing.
function showOptimistic(form, data) {
  const get = (name) => data.get(name)?.name ?? data.get(name) ?? '';
  const templates = form.id ? document.querySelectorAll('template[data-optimistic]') : [];
  const items = [...templates].filter((t) => t.dataset.optimistic == form.id).map((t) => {
    const frag = t.content.cloneNode(true);
    frag.querySelectorAll('*').forEach((el) => fillSlots(el, get));
    const nodes = [...frag.childNodes];
    nodes.forEach((n) => n.nodeType == 1 && n.setAttribute('data-optimistic', ''));
    return { nodes, target: t.dataset.target, prepend: t.dataset.position == 'prepend' };
  });
  items.forEach((item) => (place(item), shown.add(item)));
  return items;
}

// ---------------------------------------------------------------------------
// Forms

const idle = Object.freeze({ pending: false, data: null, method: null, action: null });

// formStatus(form) is useFormStatus for a form: {pending, data (the
// FormData sent), method ("post"), action (the action id, or the URL posted
// to)} of its latest submission in flight, else {pending: false, …: null}.
// The same object is the detail of the actions:pending event the form fires
// on submit; actions:settled has it with pending false.
export const formStatus = (form) => pending.get(form)?.status || idle;

const actionField = /^\$ACTION_(ID|REF)_/;
const isActionForm = (form) => [...form.elements].some((el) => actionField.test(el.name));

function onSubmit(event) {
  const form = event.target;
  const sub = event.submitter;
  const attr = (name) => sub?.getAttribute('form' + name) ?? form.getAttribute(name);
  const action = attr('action');
  const url = new URL(action || location.href, action ? document.baseURI : undefined);
  const data = new FormData(form, sub); // what the browser would post
  const keys = [...data.keys()];
  // The app's handlers ran first (this listener is on document, bubbling):
  // one that prevented the submission wins. The browser posts what names no
  // action, what data-actions="off" marks, and what goes elsewhere (another
  // method, window or origin).
  if (
    event.defaultPrevented ||
    form.dataset.actions == 'off' ||
    sub?.dataset.actions == 'off' ||
    !keys.some((k) => actionField.test(k)) ||
    attr('method')?.toLowerCase() != 'post' ||
    (attr('target') || '_self') != '_self' ||
    url.origin != location.origin
  ) return;
  event.preventDefault();

  // The last action id wins, as on the server.
  const id = keys.findLast((k) => k.startsWith('$ACTION_ID_'))?.slice(11) || url.href;
  const status = { pending: true, data, method: 'post', action: id };
  const h = pending.get(form) || { n: 0 };
  if (h.n++) unmark(h);
  pending.set(form, Object.assign(h, { sub, status }));
  mark(form, h);
  const req = { form, status, items: [], sent: new Map([...form.elements].filter(typable).map((el) => [el, held(el)])) };
  try {
    req.items = showOptimistic(form, data);
  } catch (err) {
    reportError(err); // a bad template must not lose the submission
  }
  emit(form, 'actions:pending', status);
  const parallel = form.hasAttribute('data-parallel') || sub?.hasAttribute('data-parallel');
  schedule(parallel, null, (signal) => post(req, url, data, signal)).catch((err) => {
    settle(req); // aborted while queued, or a fault below
    if (err?.name != 'AbortError') reportError(err);
  });
}

// post sends a form and applies the answer. A page that comes back shows
// its own errors, so only a server failure is announced as well; a refusal
// in plain text is all there is to show.
async function post(req, url, data, signal) {
  const answer = await request(url, { Accept: 'text/html' }, data, signal).catch((err) => err);
  if (answer == navigating) return;
  if (answer instanceof Error) return settle(req, !signal.aborted && answer);
  const [res, bytes, type] = answer;
  const text = utf8.decode(bytes);
  const html = type.startsWith('text/html') && text;
  const message = html ? (res.status < 500 ? '' : msgServer) : text.trim() || res.statusText;
  settle(req, !res.ok && new ActionError(codeFor(res.status, res.headers), message, { status: res.status }), html, res.headers.get(hOutcome) == 'ok');
}

// settle ends a form's submission: its pending marks and optimistic items
// go, the answer's page is morphed in, the form is reset after a success
// (React 19 does; data-reset="false" opts out; see resetForm), then
// actions:error and actions:settled fire.
function settle(req, err, html, ok) {
  const { form, status } = req;
  const h = pending.get(form);
  if (req.done) return;
  req.done = true;
  if (!--h.n) unmark(h), pending.delete(form);
  for (const item of req.items) shown.delete(item), item.nodes.forEach((n) => n.remove());
  if (html) applyPage(html);
  if (ok && form.isConnected && form.dataset.reset != 'false') resetForm(form, req.sent);
  if (err) report(form, err);
  emit(form, 'actions:settled', { ...status, pending: false });
}

// A control the user types in or chooses from, what it holds, and putting
// that back.
const typable = (el) => /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) && !/^(file|hidden|submit|image|reset|button)$/.test(el.type);
const held = (el) => (isCheck(el) ? el.checked : el.options ? chosen(el).join('\n') : el.value);
function hold(el, v) {
  if (isCheck(el)) el.checked = v;
  else if (el.options) for (const o of el.options) o.selected = v.split('\n').includes(o.value);
  else el.value = v;
}

// resetForm resets a form after a success, except the controls the user
// changed since it was sent (sent: control -> what it held then): what they
// typed while it was pending is their next entry (the chat message after
// the one sent), not what was sent, and is kept. React 19 resets them all.
function resetForm(form, sent) {
  const changed = [...form.elements].filter((el) => sent.has(el) && held(el) !== sent.get(el)).map((el) => [el, held(el)]);
  form.reset();
  changed.forEach(([el, v]) => hold(el, v));
}

// ---------------------------------------------------------------------------
// Stale pages: reload, keeping what the user typed

const staleKey = () => 'actions:stale:' + location.pathname;
const actionForms = () => [...document.forms].filter(isActionForm);
const formKey = (form, i) => (form.id ? 'id:' + form.id : 'n:' + i);

// reloadStale saves the fields of every action form in sessionStorage, then
// reloads. It declines (false) when it reloaded for this moments ago, so a
// page that calls an action as it loads cannot reload forever.
function reloadStale() {
  try {
    if (Date.now() - sessionStorage.getItem('actions:reloaded') < 10000) return false;
    sessionStorage.setItem('actions:reloaded', Date.now());
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
if (typeof document == 'object' && !globalThis[installed]) {
  globalThis[installed] = true;
  document.addEventListener('submit', onSubmit);
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', restoreForms);
  else restoreForms();
}
