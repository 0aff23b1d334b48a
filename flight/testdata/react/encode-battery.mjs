// encode-battery.mjs: the client -> server half of the conformance suite.
//
// Runs React's own encodeReply (the production node client) on a battery of
// named cases covering every JS type WIRE.md section 1 lists, and prints one
// JSON document: {"cases":[{"name", "body"}]} where body is {"text": "..."}
// for a string reply or {"multipart": [...]} with the FormData entries in
// order. flight/conformance_test.go (TestReactEncodesGoDecodes) rebuilds each
// request body, decodes it with flight.DecodeReply and compares the result
// with its own expectation for the case name, so names here and there must
// match one for one.
//
// Every case is a function so that one-shot values (streams, iterators,
// promises) are made fresh. The root of a reply is the argument list of a
// call, so each case returns an array, as a real call would.
import { loadClient, describeBody } from './client.mjs';

const client = loadClient('production');

const bytes = (...b) => Uint8Array.from(b);

// A byte ReadableStream the way a browser makes one; React sends each chunk
// as a Blob part.
function byteStream(...chunks) {
  return new ReadableStream({
    type: 'bytes',
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}

function valueStream(...values) {
  return new ReadableStream({
    start(c) {
      for (const v of values) c.enqueue(v);
      c.close();
    },
  });
}

export const cases = {
  'empty argument list': () => [],
  'plain strings': () => ['hello', ''],
  'strings starting with a dollar': () => ['$x', '$', '$$', '$@1', '$undefined'],
  'long unicode string': () => ['héllo wörld 世界 🎉 ' + 'λ'.repeat(5000)],
  'ordinary numbers': () => [0, 1.5, -2, 1e21, 9007199254740991, 5e-324],
  'negative zero': () => [-0],
  'NaN and infinities': () => [NaN, Infinity, -Infinity],
  'bigints': () => [0n, 123n, -1234567890123456789012345678901234567890n],
  'undefined in an array': () => [[undefined, 1, undefined]],
  'undefined as an object property': () => [{ a: undefined, b: 1 }],
  'null and booleans': () => [null, true, false],
  'dates': () => [new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)), new Date(-1)],
  'nested arrays and objects': () => [{ a: [1, { b: [2, [3, []]] }], c: { d: { e: 'f' } }, '': {} }],
  'map with non-string keys in insertion order': () => [
    new Map([
      ['z', 'last letter first'],
      [1, 'number one'],
      ['1', 'string one'],
      [{ k: 1 }, 'object key'],
      [true, null],
      [-0, 'negative zero key'],
    ]),
  ],
  'set': () => [new Set([3, 'a', { x: 1 }, null])],
  'form data with strings, a file and a blob': () => {
    const fd = new FormData();
    fd.append('name', 'Ada');
    fd.append('upload', new File(['hello file'], 'hello.txt', { type: 'text/plain' }));
    fd.append('tag', 'one');
    fd.append('raw', new Blob([bytes(0, 1, 2, 255)]));
    fd.append('tag', 'two');
    return [fd];
  },
  'file alone': () => [new File(['{"a":1}'], 'data.json', { type: 'application/json' })],
  'blob alone': () => [new Blob([bytes(0, 1, 2, 255)], { type: 'application/x-test' })],
  'array buffer': () => [bytes(1, 2, 3).buffer],
  'Int8Array': () => [Int8Array.of(-128, -1, 0, 127)],
  'Uint8Array': () => [Uint8Array.of(0, 1, 255)],
  'Uint8ClampedArray': () => [Uint8ClampedArray.of(0, 128, 255)],
  'Int16Array': () => [Int16Array.of(-32768, -1, 32767)],
  'Uint16Array': () => [Uint16Array.of(0, 1, 65535)],
  'Int32Array': () => [Int32Array.of(-2147483648, -1, 2147483647)],
  'Uint32Array': () => [Uint32Array.of(0, 1, 4294967295)],
  'Float32Array': () => [Float32Array.of(1.5, -0, Infinity)],
  'Float64Array': () => [Float64Array.of(Math.PI, -0, NaN)],
  'BigInt64Array': () => [BigInt64Array.of(-9223372036854775808n, -1n, 9223372036854775807n)],
  'BigUint64Array': () => [BigUint64Array.of(0n, 18446744073709551615n)],
  'DataView': () => [new DataView(bytes(9, 8, 7, 6).buffer)],
  // A typed array over part of a buffer: React must send only the view's bytes.
  'typed array view into a larger buffer': () => [new Uint16Array(bytes(1, 0, 2, 0, 3, 0).buffer, 2, 2)],
  'resolved promise': () => [Promise.resolve({ ok: true })],
  'generator': () => {
    function* gen() {
      yield 1;
      yield 'two';
      return 3; // React drops an iterator's return value in a reply.
    }
    return [gen()];
  },
  'readable stream of bytes': () => [byteStream(bytes(1, 2, 3), bytes(4, 5))],
  'readable stream of values': () => [valueStream('a', { b: 1 }, 2n)],
  'async iterable': () => [
    {
      async *[Symbol.asyncIterator]() {
        yield 1;
        yield { two: 2 };
      },
    },
  ],
  'async iterator with a return value': () => {
    async function* gen() {
      yield 'a';
      yield 'b';
      return 'done';
    }
    return [gen()];
  },
  'server reference': () => [client.createServerReference('actions#save')],
  'bound server reference': () => [client.createServerReference('actions#save').bind(null, 'user-7', 2, { deep: [true] })],
  'shared object seen twice': () => {
    const shared = { a: 1 };
    return [shared, shared, { inner: shared }];
  },
  'form data with a file beside a map of dates': () => {
    const fd = new FormData();
    fd.append('title', 'report');
    fd.append('attachment', new File([bytes(0x50, 0x4b, 3, 4)], 'r.zip', { type: 'application/zip' }));
    const dates = new Map([
      ['created', new Date(Date.UTC(2024, 1, 29))],
      ['updated', new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 999))],
    ]);
    return [fd, dates];
  },
  'object holding a set of maps': () => [
    {
      groups: new Set([new Map([['a', 1]]), new Map([[2, ['b', new Set(['c'])]]])]),
      stamp: new Date(0),
    },
  ],
  'promise of a map holding a typed array': () => [Promise.resolve(new Map([['pixels', Uint8ClampedArray.of(1, 2)]]))],
};

async function main() {
  const out = [];
  for (const [name, make] of Object.entries(cases)) {
    let body;
    try {
      body = await describeBody(await client.encodeReply(make()));
    } catch (err) {
      // An exception here is a bug in the battery, not in Go: say so loudly.
      body = { error: String(err && err.stack ? err.stack : err) };
    }
    out.push({ name, body });
  }
  process.stdout.write(JSON.stringify({ cases: out }, null, 1) + '\n');
}

await main();
