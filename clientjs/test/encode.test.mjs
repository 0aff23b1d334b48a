// The runtime's encodeReply against React 19's own, value by value: the
// same text, or the same FormData entries in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeReply } from '../runtime.js';
import { client, describeBody } from './react.mjs';

const bytes = (...b) => Uint8Array.from(b);
const form = (...entries) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

// Each case is the argument list of a call, made fresh for each encoder.
const battery = {
  'no arguments': () => [],
  'strings, one empty': () => ['hello', ''],
  'strings starting with a dollar get one more': () => ['$x', '$', '$$', '$@1', '$undefined', '$D2025', 'a$'],
  'unicode, escapes and a long string': () => ['héllo 世界 🎉\n"\\\u2028', 'λ'.repeat(5000)],
  'ordinary numbers': () => [0, 1.5, -2, 1e21, 9007199254740991, 5e-324, -1e-7],
  'negative zero': () => [-0, [-0], { z: -0 }],
  'NaN and infinities': () => [NaN, Infinity, -Infinity],
  'bigints': () => [0n, 123n, -1234567890123456789012345678901234567890n],
  'undefined in an array and as a property': () => [[undefined, 1], { a: undefined, b: 1 }, undefined],
  'null and booleans': () => [null, true, false],
  'dates, one invalid': () => [new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)), new Date(-1), { at: new Date(0) }, new Date(NaN)],
  'a string ending in Z is not a date': () => ['Z', '2025-01-02T03:04:05.678Z'],
  'nested arrays and objects': () => [{ a: [1, { b: [2, [3, []]] }], c: { d: { e: 'f' } }, '': {}, 'k:colon': [1] }],
  'an object with a toJSON method': () => [{ toJSON: () => ({ via: 'toJSON' }) }, new URL('https://example.com/a?b')],
  'a map with keys of every kind': () => [
    new Map([['z', 1], [1, 'one'], ['1', 'string one'], [{ k: 1 }, 'object key'], [true, null], [-0, 'negative zero key']]),
  ],
  'a set': () => [new Set([3, 'a', { x: 1 }, null, new Date(0)])],
  'maps and sets inside each other are numbered as React does': () => [
    { groups: new Set([new Map([['a', 1]]), new Map([[2, ['b', new Set(['c'])]]])]) },
    new Map([['m', new Map([['n', new Set([1])]])]]),
  ],
  'an empty map, set and form data': () => [new Map(), new Set(), new FormData()],
  'form data with strings, a file and a blob': () => [
    form(['name', 'Ada'], ['upload', new File(['hello file'], 'hello.txt', { type: 'text/plain' })], ['tag', 'one'],
      ['raw', new Blob([bytes(0, 1, 2, 255)])], ['tag', 'two'], ['$ACTION_ID_x', '']),
  ],
  'two form data values and a map between them': () => [form(['a', '1']), new Map([[1, 2]]), form(['b', '2'])],
  'a file alone': () => [new File(['{"a":1}'], 'data.json', { type: 'application/json' })],
  'a blob alone': () => [new Blob([bytes(0, 1, 2, 255)], { type: 'application/x-test' })],
  'an array buffer': () => [bytes(1, 2, 3).buffer],
  'every typed array and a data view': () => [
    Int8Array.of(-128, -1, 0, 127), Uint8Array.of(0, 1, 255), Uint8ClampedArray.of(0, 128, 255),
    Int16Array.of(-32768, -1, 32767), Uint16Array.of(0, 1, 65535), Int32Array.of(-2147483648, -1, 2147483647),
    Uint32Array.of(0, 1, 4294967295), Float32Array.of(1.5, -0, Infinity), Float64Array.of(Math.PI, -0, NaN),
    BigInt64Array.of(-9223372036854775808n, -1n, 9223372036854775807n), BigUint64Array.of(0n, 18446744073709551615n),
    new DataView(bytes(9, 8, 7, 6).buffer),
  ],
  'a typed array sends only its own bytes of a larger buffer': () => [new Uint16Array(bytes(1, 0, 2, 0, 3, 0).buffer, 2, 2)],
};

for (const [name, make] of Object.entries(battery)) {
  test(`encodes as React does: ${name}`, async () => {
    const want = await describeBody(await client.encodeReply(make()));
    const got = await describeBody(encodeReply(make()));
    assert.deepStrictEqual(got, want);
  });
}

// What React refuses, the runtime refuses too, with a TypeError that says
// what was passed.
const refused = {
  'a symbol': () => [Symbol.for('x')],
  'a function': () => [() => 1],
  'a class instance': () => [new (class Point { x = 1 })()],
  'a null-prototype object': () => [Object.create(null)],
  'a symbol inside an object': () => [{ s: Symbol('x') }],
};
for (const [name, make] of Object.entries(refused)) {
  test(`refuses ${name}, as React does`, async () => {
    await assert.rejects(async () => client.encodeReply(make()));
    assert.throws(() => encodeReply(make()), TypeError);
  });
}

test('refuses what it does not encode: promises, iterators, thenables', () => {
  assert.throws(() => encodeReply([Promise.resolve(1)]), /cannot take Promise values/);
  assert.throws(() => encodeReply([[1, 2].values()]), TypeError);
  assert.throws(() => encodeReply([{ then() {} }]), TypeError);
});

// React writes a value met twice once, and a path to it after ("$0:0");
// the runtime writes it again, which the server decodes to the same data.
test('writes a value met twice again where React writes a path', async () => {
  const shared = { a: 1 };
  const m = new Map([['k', shared]]);
  const args = [shared, shared, { inner: shared }, m, m];
  assert.deepStrictEqual(await describeBody(await client.encodeReply(args)), {
    multipart: [{ name: '1', value: '[["k","$0:0"]]' }, { name: '0', value: '[{"a":1},"$0:0",{"inner":"$0:0"},"$Q1","$0:3"]' }],
  });
  assert.deepStrictEqual(await describeBody(encodeReply(args)), {
    multipart: [
      { name: '1', value: '[["k",{"a":1}]]' },
      { name: '2', value: '[["k",{"a":1}]]' },
      { name: '0', value: '[{"a":1},{"a":1},{"inner":{"a":1}},"$Q1","$Q2"]' },
    ],
  });
});

test('refuses a cycle (React sends it as a path; the server refuses it)', () => {
  const a = { name: 'a' };
  a.self = a;
  assert.throws(() => encodeReply([a]), TypeError);
  const list = [];
  list.push({ back: list });
  assert.throws(() => encodeReply([list]), TypeError);
  const m = new Map();
  m.set('me', { m });
  assert.throws(() => encodeReply([m]), /cycle/);
  const s = new Set();
  s.add(new Map([[1, s]]));
  assert.throws(() => encodeReply([{ s }]), /cycle/);
});

test('a reply with nothing to outline is a string, sent as text/plain', () => {
  assert.equal(encodeReply(['a', 1, { b: [true] }]), '["a",1,{"b":[true]}]');
  assert.ok(encodeReply([new Blob(['x'])]) instanceof FormData);
});
