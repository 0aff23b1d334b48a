// decode-rows.mjs: the server -> client half of the conformance suite.
//
// Reads {"cases":[{"name","rows"}]} on stdin, where rows is the base64 of
// what Go's flight.EncodeRows wrote for the case, decodes each payload with
// React's real client (createFromNodeStream) in BOTH the production and the
// development build, and compares the result with the JS value this script
// expects for that case name. Prints {"results":[{"name","build","ok","error"}]}
// and exits 1 on any failure, on a case it does not know, or on an expected
// case that did not arrive.
//
// Comparison: both trees are first turned by normalize() into plain data
// that spells out what node:assert's deepStrictEqual would otherwise miss:
// Map and Set order, the class of a typed array, a Blob's type and bytes,
// the contents of promises, streams and iterators, an Error's digest.
// deepStrictEqual then compares with Object.is for primitives, which tells
// -0 from 0, accepts NaN, and compares symbols by identity (Symbol.for).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { builds, loadClient, consumerManifest, readStdin } from './client.mjs';

// A payload that never settles (say, a row referenced before it is written)
// must fail its case, not hang the suite.
const settleTimeoutMs = 2000;

const bytes = (...b) => Uint8Array.from(b);

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${settleTimeoutMs} ms`)), settleTimeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const typedArrayClasses = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

// The production client replaces every error message with this text and
// keeps only the digest, so messages are compared in development only.
const prodMessage = 'An error occurred in the Server Components render.';

// normalize turns a decoded (or expected) value into comparable plain data.
// It awaits promises and drains streams, so it is async all the way down.
// In production the expected message is the client's fixed text, whatever
// the server's was; isWant marks the expected side.
async function normalize(v, build, isWant = false) {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function') return { '<function>': typeof v.bind };
    return v; // primitives, symbols, bigints: compared with Object.is
  }
  if (Array.isArray(v)) {
    // Array.from turns holes into undefined, which is how a decoded
    // "$undefined" element reads too.
    const out = [];
    for (const e of Array.from(v)) out.push(await normalize(e, build, isWant));
    return out;
  }
  if (v instanceof Date) return { '<Date>': v.toISOString() };
  if (v instanceof Map) {
    const entries = [];
    for (const [k, val] of v) entries.push([await normalize(k, build, isWant), await normalize(val, build, isWant)]);
    return { '<Map>': entries };
  }
  if (v instanceof Set) {
    const values = [];
    for (const e of v) values.push(await normalize(e, build, isWant));
    return { '<Set>': values };
  }
  if (v instanceof FormData) {
    const entries = [];
    for (const [k, val] of v) entries.push([k, await normalize(val, build, isWant)]);
    return { '<FormData>': entries };
  }
  if (v instanceof Blob) {
    return { '<Blob>': { type: v.type, bytes: Array.from(new Uint8Array(await v.arrayBuffer())) } };
  }
  if (v instanceof ArrayBuffer) return { '<ArrayBuffer>': Array.from(new Uint8Array(v)) };
  if (v instanceof DataView) return { '<DataView>': Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  for (const C of typedArrayClasses) {
    if (v instanceof C) return { [`<${C.name}>`]: Array.from(v) };
  }
  if (v instanceof Error) {
    return {
      '<Error>': {
        message: build !== 'production' ? v.message : isWant ? prodMessage : String(v.message).slice(0, prodMessage.length),
        digest: v.digest,
      },
    };
  }
  if (typeof v.then === 'function') {
    try {
      return { '<Promise>': await normalize(await withTimeout(v, 'a promise'), build, isWant) };
    } catch (err) {
      return { '<Rejected>': await normalize(err, build, isWant) };
    }
  }
  if (v instanceof ReadableStream) return normalizeStream(v, build, isWant);
  if (typeof v[Symbol.asyncIterator] === 'function') {
    const it = v[Symbol.asyncIterator]();
    const kind = it === v ? '<AsyncIterator>' : '<AsyncIterable>';
    const values = [];
    for (;;) {
      const step = await withTimeout(it.next(), 'an async iterator');
      if (step.done) return { [kind]: { values, return: await normalize(step.value, build, isWant) } };
      values.push(await normalize(step.value, build, isWant));
    }
  }
  if (typeof v.next === 'function' && typeof v[Symbol.iterator] === 'function') {
    const values = [];
    for (;;) {
      const step = v.next();
      if (step.done) return { '<Iterator>': { values, return: await normalize(step.value, build, isWant) } };
      values.push(await normalize(step.value, build, isWant));
    }
  }
  const out = {};
  for (const k of Object.keys(v)) out[k] = await normalize(v[k], build, isWant);
  return out;
}

// A byte stream (what "$r" makes) accepts a BYOB reader; its bytes are
// compared joined, since chunk boundaries carry no meaning.
async function normalizeStream(stream, build, isWant) {
  let byob = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream.
  }
  if (byob) {
    byob.releaseLock();
    const all = [];
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await withTimeout(reader.read(), 'a byte stream');
      if (done) return { '<ByteStream>': all };
      all.push(...value);
    }
  }
  const values = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await withTimeout(reader.read(), 'a stream');
    if (done) return { '<ReadableStream>': values };
    values.push(await normalize(value, build, isWant));
  }
}

function rejected(err) {
  const p = Promise.reject(err);
  p.catch(() => {});
  return p;
}

function serverError(message, digest) {
  const e = new Error(message);
  e.digest = digest;
  return e;
}

// What each Go case must decode to, by name. Functions make fresh values
// for one-shot things (streams, iterators). The Go side (conformance_rows_test.go)
// builds the same names.
export const expectations = {
  'strings': () => ['hello', '', '$x', '$$', '$', '$@1'],
  'long unicode string': () => 'héllo wörld 世界 🎉 ' + 'λ'.repeat(3000),
  'ordinary numbers': () => [0, 1.5, -2, 1e21, 9007199254740991, 5e-324],
  'negative zero': () => -0,
  'NaN and infinities': () => [NaN, Infinity, -Infinity],
  'bigints': () => [0n, 123n, -1234567890123456789012345678901234567890n],
  'undefined in an array': () => [undefined, 1, undefined],
  // The client drops a property whose value is "$undefined".
  'undefined as an object property': () => ({ b: 1 }),
  'null and booleans': () => [null, true, false],
  'dates': () => [new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)), new Date(-1)],
  'nested arrays and objects': () => ({ a: [1, { b: [2, [3, []]] }], c: { d: { e: 'f' } }, '': {} }),
  'map with non-string keys in insertion order': () =>
    new Map([
      ['z', 'last letter first'],
      [1, 'number one'],
      ['1', 'string one'],
      [{ k: 1 }, 'object key'],
      [true, null],
    ]),
  'set': () => new Set([3, 'a', { x: 1 }, null]),
  'form data': () => {
    const fd = new FormData();
    fd.append('name', 'Ada');
    fd.append('tag', 'one');
    fd.append('tag', 'two');
    return fd;
  },
  'blob': () => new Blob(['hello'], { type: 'text/plain' }),
  'blob without a type': () => new Blob([bytes(0, 1, 2, 255)]),
  'array buffer': () => bytes(1, 2, 3).buffer,
  'Int8Array': () => Int8Array.of(-128, -1, 0, 127),
  'Uint8Array': () => Uint8Array.of(0, 1, 255),
  'Uint8ClampedArray': () => Uint8ClampedArray.of(0, 128, 255),
  'Int16Array': () => Int16Array.of(-32768, -1, 32767),
  'Uint16Array': () => Uint16Array.of(0, 1, 65535),
  'Int32Array': () => Int32Array.of(-2147483648, -1, 2147483647),
  'Uint32Array': () => Uint32Array.of(0, 1, 4294967295),
  'Float32Array': () => Float32Array.of(1.5, -0, Infinity),
  'Float64Array': () => Float64Array.of(Math.PI, -0, NaN),
  'BigInt64Array': () => BigInt64Array.of(-9223372036854775808n, -1n, 9223372036854775807n),
  'BigUint64Array': () => BigUint64Array.of(0n, 18446744073709551615n),
  'DataView': () => new DataView(bytes(9, 8, 7, 6).buffer),
  'symbol': () => ({ sym: Symbol.for('go.actions'), again: Symbol.for('go.actions') }),
  'resolved promise': () => ({ p: Promise.resolve({ ok: true }) }),
  'rejected promise': () => ({ p: rejected(serverError('nope', 'digest-p')) }),
  'error as rejected root': () => rejected(serverError('boom', 'digest-root')),
  // An Error inside a value ("$Z") carries no digest; production hides its message.
  'nested error value': () => ({ err: serverError('inner', undefined), ok: 1 }),
  'iterator': () => {
    function* gen() {
      yield 1;
      yield 'two';
    }
    return gen();
  },
  'readable stream of values': () =>
    new ReadableStream({
      start(c) {
        for (const v of ['a', { b: 1 }, 2n]) c.enqueue(v);
        c.close();
      },
    }),
  'readable stream of bytes': () =>
    new ReadableStream({
      type: 'bytes',
      start(c) {
        c.enqueue(bytes(1, 2, 3));
        c.enqueue(bytes(4, 5));
        c.close();
      },
    }),
  'async iterable': () => ({
    async *[Symbol.asyncIterator]() {
      yield 1;
      yield { two: 2 };
    },
  }),
  'async iterator with a return value': () =>
    (async function* () {
      yield 'a';
      yield 'b';
      return 'done';
    })(),
  'server reference': () => ({ action: function () {} }),
  'shared object seen twice': () => {
    const shared = { a: 1 };
    return [shared, shared, { inner: shared }];
  },
  'object holding a set of maps, a date and bytes': () => ({
    groups: new Set([new Map([['a', 1]]), new Map([[2, ['b', new Set(['c'])]]])]),
    stamp: new Date(0),
    pixels: Uint8Array.of(7, 8),
    note: new Blob(['n'], { type: 'text/plain' }),
  }),
};

// Extra checks deepStrictEqual on normalized data cannot make.
const extraChecks = {
  'symbol': (got) => {
    assert.equal(got.sym, Symbol.for('go.actions'), 'sym must be the global Symbol.for("go.actions")');
    assert.equal(got.again, got.sym, 'the same symbol twice must be one symbol');
  },
  'negative zero': (got) => assert.ok(Object.is(got, -0), `want -0, got ${Object.is(got, 0) ? '+0' : String(got)}`),
  'server reference': (got) => assert.equal(typeof got.action, 'function', 'a "$h" reference must decode to a function'),
};

async function decode(client, rows) {
  const stream = Readable.from([Buffer.from(rows, 'base64')]);
  return client.createFromNodeStream(stream, consumerManifest);
}

// The client parses rows inside a stream's "data" handler, so a row it
// refuses throws there, outside any promise: catch it and fail the case that
// is running instead of killing the process.
let failRunningCase = null;
process.on('uncaughtException', (err) => {
  if (failRunningCase) return failRunningCase(err);
  console.error(err);
  process.exit(2);
});

async function runCase(client, build, name, rows) {
  const make = expectations[name];
  if (!make) return `no expectation in decode-rows.mjs for case "${name}"`;
  const crashed = new Promise((_, reject) => {
    failRunningCase = (err) => reject(new Error(`the client threw while reading the rows: ${err && err.message}`));
  });
  crashed.catch(() => {});
  try {
    return await Promise.race([compare(client, build, name, rows, make), crashed]);
  } catch (err) {
    return err && err.message ? err.message : String(err);
  } finally {
    failRunningCase = null;
  }
}

async function compare(client, build, name, rows, make) {
  let got;
  try {
    // The root of a response is a thenable; a rejected root is a case of
    // its own ("error as rejected root"), so keep it as a promise.
    got = await withTimeout(decode(client, rows), 'the root');
  } catch (err) {
    got = rejected(err);
  }
  try {
    const check = extraChecks[name];
    if (check) check(got);
    assert.deepStrictEqual(await normalize(got, build), await normalize(make(), build, true));
    return null;
  } catch (err) {
    return err && err.message ? err.message : String(err);
  }
}

async function main() {
  const input = JSON.parse(await readStdin());
  const results = [];
  // --only=<build> limits the run to one build (react-rows.mjs self-check:
  // React's own server writes different rows for each build).
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  for (const build of only ? [only] : builds) {
    const client = loadClient(build);
    const seen = new Set();
    for (const { name, rows } of input.cases) {
      seen.add(name);
      const error = await runCase(client, build, name, rows);
      results.push({ name, build, ok: error === null, error: error ?? undefined });
    }
    for (const name of Object.keys(expectations)) {
      if (!seen.has(name)) results.push({ name, build, ok: false, error: `case "${name}" was expected but not sent` });
    }
  }
  process.stdout.write(JSON.stringify({ results }, null, 1) + '\n');
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
