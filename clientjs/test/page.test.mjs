// The page code's decisions, without a DOM: how a morph pairs old and new
// children, when a control keeps what the user typed, how optimistic
// templates are filled, what a stale page saves and restores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairChildren, keepUserValue, fillSlots, snapshotFields, restoreFields, codeFor } from '../runtime.js';

// Stand-ins for DOM nodes: what pairChildren reads.
const el = (tag, attrs = {}) => ({ nodeType: 1, nodeName: tag.toUpperCase(), getAttribute: (n) => attrs[n] ?? null });
const text = () => ({ nodeType: 3, nodeName: '#text' });

test('pairs elements by id wherever they moved', () => {
  const olds = [el('li', { id: 'a' }), el('li', { id: 'b' }), el('li', { id: 'c' })];
  const news = [el('li', { id: 'c' }), el('li', { id: 'new' }), el('li', { id: 'a' })];
  assert.deepStrictEqual(pairChildren(olds, news), [2, -1, 0]);
});

test('an id on another tag is a different element', () => {
  assert.deepStrictEqual(pairChildren([el('div', { id: 'x' })], [el('section', { id: 'x' })]), [-1]);
});

test('pairs controls by tag and name, in order (radio groups)', () => {
  const olds = [el('input', { name: 'size' }), el('input', { name: 'size' }), el('input', { name: 'title' })];
  const news = [el('input', { name: 'title' }), el('input', { name: 'size' }), el('input', { name: 'size' }), el('select', { name: 'size' })];
  assert.deepStrictEqual(pairChildren(olds, news), [2, 0, 1, -1]);
});

test('pairs the rest by position: the next old node of the same kind', () => {
  const olds = [text(), el('h2'), text(), el('p'), el('p')];
  const news = [text(), el('p'), text(), el('p')];
  // The h2 goes; the first p pairs with the first p after the text before it.
  assert.deepStrictEqual(pairChildren(olds, news), [0, 3, -1, 4]);
});

test('a keyed old element is never taken by position', () => {
  const olds = [el('li', { id: 'kept' }), el('li')];
  const news = [el('li'), el('li', { id: 'kept' })];
  assert.deepStrictEqual(pairChildren(olds, news), [1, 0]);
});

test('each old node pairs at most once', () => {
  const olds = [el('p'), el('p', { id: 'x' })];
  const news = [el('p'), el('p'), el('p', { id: 'x' }), el('p', { id: 'x' })];
  assert.deepStrictEqual(pairChildren(olds, news), [0, -1, 1, -1]);
});

test('a control keeps what the user typed unless the server changed it', () => {
  const cases = [
    // focused, dirty, serverChanged -> keep
    [true, false, true, true, 'the field the user is in always keeps its value'],
    [true, true, true, true, 'even when the server sends another'],
    [false, true, false, true, 'typed elsewhere, and the server did not change it'],
    [false, true, true, false, 'typed elsewhere, but the server changed it: the server wins'],
    [false, false, true, false, 'untouched: the server wins'],
    [false, false, false, false, 'untouched and unchanged: the same either way'],
  ];
  for (const [focused, dirty, changed, want, name] of cases) assert.equal(keepUserValue(focused, dirty, changed), want, name);
});

// A stand-in for an element of an optimistic template's copy: what
// fillSlots reads and writes.
function slotted(attrs) {
  const el = {
    attrs: { ...attrs },
    textContent: 'template text',
    get attributes() {
      return Object.entries(el.attrs).map(([name, value]) => ({ name, value }));
    },
    setAttribute: (name, value) => (el.attrs[name] = value),
  };
  return el;
}
const sent = new Map([['title', 'Hi <b>{{title}}</b>'], ['link', 'https://example.com/a?b=1'], ['evil', ' java\tScript:alert(1)']]);
const get = (k) => sent.get(k) ?? '';

test('data-slot makes the text the value sent, as text', () => {
  const el = slotted({ 'data-slot': 'title' });
  fillSlots(el, get);
  assert.equal(el.textContent, 'Hi <b>{{title}}</b>');
  const none = slotted({ 'data-slot': 'missing' });
  fillSlots(none, get);
  assert.equal(none.textContent, '', 'a field the form did not send is empty');
});

test('data-slot-<attr> sets the attribute to the value sent', () => {
  const el = slotted({ class: 'opt', 'data-slot-title': 'title', 'data-slot-href': 'link', 'data-slot-data-id': 'missing' });
  fillSlots(el, get);
  assert.deepStrictEqual(el.attrs, {
    class: 'opt', 'data-slot-title': 'title', 'data-slot-href': 'link', 'data-slot-data-id': 'missing',
    title: 'Hi <b>{{title}}</b>', href: 'https://example.com/a?b=1', 'data-id': '',
  });
  assert.equal(el.textContent, 'template text', 'the text stays without data-slot');
});

test('a javascript: URL typed by a user is not set, however it is spelled', () => {
  for (const value of ['javascript:alert(1)', 'JavaScript:x', ' \x01javascript:x', 'java\nscript:x', 'jav\tascript:x', '\x00javascript:x']) {
    for (const attr of ['href', 'src', 'action', 'formaction', 'HREF']) {
      const el = slotted({ ['data-slot-' + attr]: 'v' });
      fillSlots(el, () => value);
      assert.equal(el.attrs[attr], undefined, attr + '=' + JSON.stringify(value));
    }
  }
  const safe = slotted({ 'data-slot-href': 'v', 'data-slot-title': 'evil' });
  fillSlots(safe, (k) => (k == 'v' ? 'javascript-guide.html' : get(k)));
  assert.deepStrictEqual([safe.attrs.href, safe.attrs.title], ['javascript-guide.html', ' java\tScript:alert(1)'], 'only a scheme counts, and only in URL attributes');
});

test('a slot for an event handler or srcdoc is refused', () => {
  for (const name of ['data-slot-onclick', 'data-slot-ONload', 'data-slot-srcdoc']) {
    const el = slotted({ [name]: 'title' });
    assert.throws(() => fillSlots(el, get), new RegExp('cannot fill ' + name.slice(10)), name);
    assert.equal(Object.keys(el.attrs).length, 1, name + ': nothing set');
  }
});

// Stand-ins for form elements: what a snapshot reads and a restore writes.
function fields() {
  const opts = (...vs) => vs.map((value, i) => ({ value, selected: i == 0 }));
  return [
    { name: '$ACTION_ID_abc', type: 'hidden', value: 'x' },
    { name: 'csrf', type: 'hidden', value: 'tok' },
    { name: 'title', type: 'text', value: '' },
    { name: 'body', type: 'textarea', value: '' },
    { name: 'pw', type: 'password', value: '' },
    { name: 'file', type: 'file', value: '' },
    { name: 'tags', type: 'checkbox', value: 'a', checked: false },
    { name: 'tags', type: 'checkbox', value: 'b', checked: true },
    { name: 'size', type: 'select-multiple', options: opts('s', 'm', 'l') },
    { name: 'go', type: 'submit', value: 'Go' },
    { name: '', type: 'text', value: 'nameless' },
  ];
}

test('a stale page saves typed values only, and restores them by name and order', () => {
  const before = fields();
  before[2].value = 'My title';
  before[3].value = 'Line one\nline two';
  before[4].value = 'secret';
  before[6].checked = true;
  before[7].checked = false;
  before[8].options.forEach((o) => (o.selected = o.value != 's'));
  const saved = JSON.parse(JSON.stringify(snapshotFields(before)));
  assert.deepStrictEqual(saved, [['title', 'My title'], ['body', 'Line one\nline two'], ['tags', true], ['tags', false], ['size', ['m', 'l']]]);

  const after = fields();
  restoreFields(after, saved);
  assert.equal(after[2].value, 'My title');
  assert.equal(after[3].value, 'Line one\nline two');
  assert.equal(after[4].value, '', 'passwords are not restored');
  assert.equal(after[1].value, 'tok', 'hidden fields keep the new page values');
  assert.deepStrictEqual([after[6].checked, after[7].checked], [true, false]);
  assert.deepStrictEqual(after[8].options.map((o) => o.selected), [false, true, true]);
});

test('a restore skips values whose kind no longer fits', () => {
  const after = fields();
  restoreFields(after, [['title', ['a list']], ['tags', 'text'], ['size', 'm']]);
  assert.equal(after[2].value, '');
  assert.equal(after[6].checked, false);
  assert.deepStrictEqual(after[8].options.map((o) => o.selected), [true, false, false]);
});

test('the code of an answer is its Action-Outcome, else one its status implies', () => {
  assert.deepStrictEqual([400, 403, 413, 418, 500, 502, 504].map((s) => codeFor(s)),
    ['bad_request', 'forbidden', 'too_large', 'bad_request', 'internal', 'internal', 'timeout']);
  assert.equal(codeFor(422, new Headers({ 'Action-Outcome': 'invalid_argument' })), 'invalid_argument');
});
