// What a page downloads: runtime.min.js, the copy of runtime.js that
// minify.mjs makes and the Go package serves. Its budget is 6 KB gzip
// (6144 bytes, at gzip's best level); the figures of both copies are
// printed for the README. That the copy is up to date with runtime.js is
// runtime_test.go's check; that it works in a browser, browser.test.mjs's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as source from '../runtime.js';
import * as minified from '../runtime.min.js';

const budget = 6144;
const read = (name) => readFileSync(new URL('../' + name, import.meta.url));
const gz = (b) => gzipSync(b, { level: 9 }).length;

test('the minified runtime is at most 6 KB gzip', (t) => {
  for (const name of ['runtime.js', 'runtime.min.js']) {
    const b = read(name);
    t.diagnostic(name + ': ' + b.length + ' bytes, ' + gz(b) + ' gzip');
  }
  const size = gz(read('runtime.min.js'));
  assert.ok(size <= budget, 'runtime.min.js is ' + size + ' bytes gzip, over the budget of ' + budget);
});

test('the minified runtime exports the same names and encodes alike', async () => {
  assert.deepStrictEqual(Object.keys(minified), Object.keys(source));
  const args = ['$x', -0, 10n, new Date(0), new Map([[1, new Set(['a'])]]), { u: undefined }, new Uint8Array([1, 2])];
  const body = async (fd) => Promise.all([...fd].map(async ([k, v]) => [k, typeof v == 'string' ? v : await v.text()]));
  assert.deepStrictEqual(await body(minified.encodeReply(args)), await body(source.encodeReply(args)));
});
