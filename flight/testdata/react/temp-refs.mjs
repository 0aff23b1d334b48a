// temp-refs.mjs: temporary references, client -> Go -> client, in one process.
//
// A temporary reference set only means something inside the process that
// made it, so this script talks to the Go test in two steps:
//  1. For each case and each client build, encodeReply(args, {temporaryReferences})
//     on arguments holding client-only values (functions, class instances, a
//     React element). Prints one line: {"replies":[{"name","build","body"}]}.
//  2. Reads stdin to its end: {"rows":[{"name","build","rows"}]}, the base64
//     of what Go's EncodeRows wrote for its answer to that reply. Decodes each
//     with createFromReadableStream and the SAME set, and checks that every
//     client-only value comes back as the very object it sent (===).
//     Prints one line: {"results":[{"name","build","ok","error"}]}.
import { createRequire } from 'node:module';
import { builds, loadClient, consumerManifest, readStdin, describeBody } from './client.mjs';

const require = createRequire(import.meta.url);
const React = require('react');

class Klass {
  constructor(name) {
    this.name = name;
  }
}

// Each case makes fresh values per build: args is what the client sends,
// expected what Go's answer must decode to, and kept lists the client-only
// values that must come back by identity. The Go side
// (conformance_temprefs_test.go) knows the same case names.
const cases = {
  'inline reply': () => {
    const onSelect = function onSelect() {};
    const onPick = () => 2;
    const user = new Klass('Ada');
    const top = new Klass('top');
    const view = React.createElement('b', { id: 'v' }, 'hi');
    return {
      args: [onSelect, { user, list: [1, onPick], view, plain: 'kept' }, top],
      expected: { echo: onSelect, again: [onPick, user], view, top, note: 'from Go' },
      kept: [onSelect, onPick, user, top, view],
    };
  },
  'reply with a Map part': () => {
    const onSave = function onSave() {};
    const onDeep = function onDeep() {};
    const owner = new Klass('owner');
    return {
      args: [new Map([['cb', onSave], ['owner', owner]]), { deep: { cb: onDeep } }],
      expected: { handlers: new Map([['save', onSave]]), owner, deep: onDeep },
      kept: [onSave, onDeep, owner],
    };
  },
};

// same compares a decoded value with the expectation: kept values by
// identity, containers by content, primitives with Object.is. It returns a
// description of the first difference, or null.
function same(got, want, kept, path) {
  if (kept.has(want)) {
    return got === want ? null : `${path}: not the client's own object back (got ${describe(got)})`;
  }
  if (want instanceof Map) {
    if (!(got instanceof Map)) return `${path}: want a Map, got ${describe(got)}`;
    const w = [...want], g = [...got];
    if (w.length !== g.length) return `${path}: want ${w.length} entries, got ${g.length}`;
    for (let i = 0; i < w.length; i++) {
      const d = same(g[i][0], w[i][0], kept, `${path}.key[${i}]`) ?? same(g[i][1], w[i][1], kept, `${path}.get(${String(w[i][0])})`);
      if (d) return d;
    }
    return null;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return `${path}: want an array of ${want.length}, got ${describe(got)}`;
    for (let i = 0; i < want.length; i++) {
      const d = same(got[i], want[i], kept, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object') return `${path}: want an object, got ${describe(got)}`;
    const wk = Object.keys(want).sort(), gk = Object.keys(got).sort();
    if (wk.join() !== gk.join()) return `${path}: want keys ${wk}, got ${gk}`;
    for (const k of wk) {
      const d = same(got[k], want[k], kept, `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(got, want) ? null : `${path}: want ${describe(want)}, got ${describe(got)}`;
}

function describe(v) {
  if (typeof v === 'function') return `function ${v.name}`;
  if (v instanceof Klass) return `Klass(${v.name})`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

const held = new Map(); // `${build}/${name}` -> {set, expected, kept}
const replies = [];
for (const build of builds) {
  const client = loadClient(build);
  for (const [name, make] of Object.entries(cases)) {
    const { args, expected, kept } = make();
    const set = client.createTemporaryReferenceSet();
    const body = await describeBody(await client.encodeReply(args, { temporaryReferences: set }));
    held.set(`${build}/${name}`, { client, set, expected, kept: new Set(kept) });
    replies.push({ name, build, body });
  }
}
process.stdout.write(JSON.stringify({ replies }) + '\n');

const { rows } = JSON.parse(await readStdin());
const results = [];
for (const { name, build, rows: b64 } of rows) {
  const h = held.get(`${build}/${name}`);
  if (!h) {
    results.push({ name, build, ok: false, error: `no such case "${name}" for the ${build} build` });
    continue;
  }
  held.delete(`${build}/${name}`);
  let error = null;
  try {
    const stream = new Response(Buffer.from(b64, 'base64')).body;
    const got = await h.client.createFromReadableStream(stream, {
      serverConsumerManifest: consumerManifest,
      temporaryReferences: h.set,
    });
    error = same(got, h.expected, h.kept, 'root');
  } catch (err) {
    error = `the client refused Go's rows: ${err && err.message}`;
  }
  results.push({ name, build, ok: error === null, error: error ?? undefined });
}
for (const key of held.keys()) {
  const [build, name] = key.split('/');
  results.push({ name, build, ok: false, error: 'Go sent no rows for this case' });
}
process.stdout.write(JSON.stringify({ results }) + '\n');
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
