// The runtime's size, and the house rule that lets a server send it without
// its comments: a copy without the comment lines (and indentation) is the
// same program. The budget is 6 KB gzip for what a page downloads; the
// figures are printed for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as runtime from '../runtime.js';

const source = readFileSync(new URL('../runtime.js', import.meta.url), 'utf8');

// strip drops comments, blank lines and indentation, line by line: all a
// server needs to do, since in this file no string or template literal
// spans lines, and " // " outside a comment only ever starts one.
const strip = (js) =>
  js.split('\n').map((l) => l.replace(/\s+\/\/ .*$/, '').trim()).filter((l) => l && !l.startsWith('//')).join('\n') + '\n';

const gz = (s) => gzipSync(s, { level: 9 }).length;

test('a copy without comment lines is the same program', async (t) => {
  assert.doesNotMatch(source, /`/, 'no template literals');
  for (const line of source.split('\n')) {
    const code = line.split(' // ')[0];
    if (code != line && !code.trim().startsWith('//')) {
      assert.equal(code.split("'").length % 2, 1, 'a " // " after code starts its comment: ' + line);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'runtime-stripped-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const file = join(dir, 'runtime.js');
  writeFileSync(file, strip(source));
  const stripped = await import(file);
  assert.deepStrictEqual(Object.keys(stripped), Object.keys(runtime));
  const args = ['$x', -0, 10n, new Date(0), new Map([[1, new Set(['a'])]]), { u: undefined }];
  const body = (fd) => [...fd].map(([k, v]) => [k, String(v)]);
  assert.deepStrictEqual(body(stripped.encodeReply(args)), body(runtime.encodeReply(args)));
});

test('size', (t) => {
  const stripped = strip(source);
  t.diagnostic(`runtime.js: ${source.length} bytes, ${gz(source)} gzip; without comments and indentation: ${stripped.length} bytes, ${gz(stripped)} gzip`);
});
