// React 19's own Flight client and server, the other end of the runtime's
// codec tests. They are the npm packages ./scripts/test.sh installs for the
// flight package's conformance tests, in flight/testdata/react; the cjs
// builds are loaded by file path, as flight/testdata/react/client.mjs
// explains (the package's "exports" map hides them).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const reactDir = fileURLToPath(new URL('../../flight/testdata/react/', import.meta.url));
const cjs = reactDir + 'node_modules/react-server-dom-webpack/cjs/';
if (!existsSync(cjs)) {
  throw new Error(`React's packages are not installed in ${reactDir}: run ./scripts/test.sh`);
}
const require = createRequire(reactDir + 'package.json');

// The production client, as a browser bundle would have it.
export const client = require(cjs + 'react-server-dom-webpack-client.edge.production.js');

// The node client's stand-in for server references needs no module map.
const consumer = { serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null } };

// decodeWithReact decodes rows (bytes) with React's client; it resolves
// with the root, or rejects as the root does.
export function decodeWithReact(bytes) {
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  return client.createFromReadableStream(stream, consumer);
}

// reactRows renders the values of flight/testdata/react/decode-rows.mjs
// with React's own Flight server (production build), which needs the
// react-server condition and so its own process: [{name, rows (bytes)}].
export function reactRows() {
  const out = execFileSync(process.execPath, ['--conditions', 'react-server', reactDir + 'react-rows.mjs'], {
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out).cases.map(({ name, rows }) => ({ name, rows: new Uint8Array(Buffer.from(rows, 'base64')) }));
}

// describeBody turns an encoded reply (a string or a FormData) into plain
// data that deepStrictEqual compares: the text, or the entries in order with
// each file's name, type and bytes.
export async function describeBody(body) {
  if (typeof body == 'string') return { text: body };
  const entries = [];
  for (const [name, value] of body) {
    if (typeof value == 'string') entries.push({ name, value });
    else entries.push({ name, file: { name: value.name, type: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] } });
  }
  return { multipart: entries };
}
