// The runtime's Flight rows decoder against React 19's own client, on the
// Go encoder's golden rows (flight/testdata/rows) and on rows written by
// React's own server; then the protocol's own rows: errors as ActionError,
// the refreshed page's text row, malformed answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ActionError, readRows } from '../runtime.js';
import { decodeWithReact, reactRows } from './react.mjs';

const enc = new TextEncoder();
const rows = (text) => enc.encode(text);

// What the runtime decodes, by the kind of value: both decoders' results
// are turned into plain data that spells out what deepStrictEqual would
// miss (Map and Set order, typed-array classes, Blob bytes, promises).
// Errors compare as errors: React's production client hides the server's
// message, and the runtime reads its own ActionError from the digest.
async function plain(v) {
  if (v === null || typeof v != 'object') return v;
  if (Array.isArray(v)) return Promise.all(Array.from(v, plain));
  if (v instanceof Date) return { Date: v.toISOString() };
  if (v instanceof Map) return { Map: await plain([...v]) };
  if (v instanceof Set) return { Set: await plain([...v]) };
  if (v instanceof FormData) return { FormData: await plain([...v]) };
  if (v instanceof Blob) return { Blob: v.type, bytes: [...new Uint8Array(await v.arrayBuffer())] };
  if (v instanceof ArrayBuffer) return { ArrayBuffer: [...new Uint8Array(v)] };
  if (ArrayBuffer.isView(v)) return { [v.constructor.name]: [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] };
  if (v instanceof Error) return { Error: true };
  if (typeof v.then == 'function') {
    try {
      return { resolved: await plain(await v) };
    } catch (err) {
      return { rejected: await plain(err) };
    }
  }
  if (typeof v.next == 'function') return { Iterator: await plain([...v]) };
  const out = {};
  for (const k of Object.keys(v)) out[k] = await plain(v[k]);
  return out;
}

async function settle(decode) {
  try {
    return { value: await plain(await decode()) };
  } catch (err) {
    return { error: await plain(err) };
  }
}

// Kinds the runtime does not decode: FormData, Blob, streams, async
// iterables, server references, Error values, temporary references. It
// must say so.
const unsupported = /form.data|blob|stream|async_iterable|async_iterator|async iter|server_reference|server reference|error_inside_a_value|nested error value|temporary_reference|bytes$/;

function compareWithReact(name, bytes) {
  test(`decodes as React does: ${name}`, async () => {
    const want = await settle(() => decodeWithReact(bytes));
    if (unsupported.test(name)) {
      assert.throws(() => readRows(bytes)(), /does not decode/);
      return;
    }
    const got = await settle(() => readRows(bytes)());
    assert.deepStrictEqual(got, want);
  });
}

const goldens = new URL('../../flight/testdata/rows/', import.meta.url);
for (const file of readdirSync(goldens).filter((f) => f.endsWith('.rows')).sort()) {
  compareWithReact('Go golden ' + file, new Uint8Array(readFileSync(new URL(file, goldens))));
}
for (const { name, rows } of reactRows()) compareWithReact("React's server: " + name, rows);

test('values keep their identity: a shared object, a symbol', () => {
  const v = readRows(rows('1:"$Sx"\n0:[{"a":1},"$0:0",{"in":"$0:0"},"$1","$1"]\n'))();
  assert.equal(v[1], v[0]);
  assert.equal(v[2].in, v[0]);
  assert.equal(v[3], Symbol.for('x'));
});

test('an error root is an ActionError from the JSON in its digest', () => {
  // What respond_script.go's writeRowsError writes for Invalid.
  const digest = JSON.stringify({ code: 'invalid_argument', message: 'Check the form.', fields: { title: ['Give your post a title.'] } });
  const body = '0:E' + JSON.stringify({ digest, name: 'ActionError', message: 'Check the form.', stack: [], env: 'Server', owner: null }) + '\n';
  assert.throws(() => readRows(rows(body))(), (err) => {
    assert.ok(err instanceof ActionError && err instanceof Error);
    assert.equal(err.name, 'ActionError');
    assert.equal(err.code, 'invalid_argument');
    assert.equal(err.message, 'Check the form.');
    assert.deepStrictEqual(err.fields, { title: ['Give your post a title.'] });
    return true;
  });
});

test('an internal error carries its correlation id; a redirect its location', () => {
  const e = (d) => `0:E${JSON.stringify({ digest: JSON.stringify(d), name: 'ActionError', message: d.message, stack: [], env: 'Server', owner: null })}\n`;
  assert.throws(() => readRows(rows(e({ code: 'internal', message: 'Something went wrong on our side.', id: '0a1b' })))(),
    { code: 'internal', id: '0a1b', message: 'Something went wrong on our side.' });
  assert.throws(() => readRows(rows(e({ code: 'redirect', message: 'Redirecting to /posts/7', location: '/posts/7' })))(),
    { code: 'redirect', location: '/posts/7' });
});

test('an error row that is not ours is an internal ActionError with its message', () => {
  assert.throws(() => readRows(rows('0:E{"digest":"","name":"Error","message":"plain go error","stack":[],"env":"Server","owner":null}\n'))(),
    { name: 'ActionError', code: 'internal', message: 'plain go error' });
  assert.throws(() => readRows(rows('0:E{"digest":"d1"}\n'))(), { code: 'internal', message: 'The action failed.' });
});

test('a promise to an error row rejects with the ActionError, unhandled or not', async () => {
  const v = readRows(rows('1:E{"digest":"{\\"code\\":\\"not_found\\",\\"message\\":\\"Gone.\\"}"}\n0:{"p":"$@1"}\n'))();
  await assert.rejects(v.p, { code: 'not_found', message: 'Gone.' });
});

test('the refreshed page rides in text row 7fffffff, counted in UTF-8 bytes', () => {
  const html = '<!doctype html><title>Posts — 2</title><p>héllo 🎉</p>';
  const body = `7fffffff:T${enc.encode(html).length.toString(16)},${html}0:{"ok":true}\n`;
  const get = readRows(rows(body));
  assert.equal(get(0x7fffffff), html);
  assert.deepStrictEqual(get(), { ok: true });
});

test('a key whose value is $undefined is dropped; __proto__ is a plain key', () => {
  const v = readRows(rows('0:{"a":"$undefined","b":["$undefined"],"__proto__":"$$x"}\n'))();
  assert.deepStrictEqual(Object.keys(v), ['b', '__proto__']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(v, '__proto__').value, '$x');
});

test('malformed or unknown answers throw an Error that says what is wrong', () => {
  const cases = {
    'no row id': ['hello', /no row id/],
    'a missing row': ['0:"$1"\n', /row 1 is missing/],
    'a cut-short text row': ['1:T10,abc', /cut short/],
    'bad JSON': ['0:{"a":\n', SyntaxError],
    'an unknown value code': ['0:"$Y1"\n', /"\$Y…", which this runtime does not decode/],
    'a temporary reference': ['0:"$T0:1"\n', /does not decode/],
    'a path through a missing key': ['0:[{"a":1},"$0:0:b"]\n', /no value at \$0:0:b/],
    'a path through an inherited property': ['0:[{},"$0:0:constructor"]\n', /no value at/],
    'a stream': ['1:R\n1:T1,a1:C\n0:"$1"\n', /row of kind "stream"/],
    'a blob': ['2:o2,hi1:["text/plain","$2"]\n0:"$B1"\n', /a value "\$B…", which this runtime does not decode/],
  };
  for (const [name, [body, want]] of Object.entries(cases)) {
    assert.throws(() => readRows(rows(body))(), want, name);
  }
});
