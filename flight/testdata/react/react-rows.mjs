// react-rows.mjs: a self-check of decode-rows.mjs, independent of Go.
//
// Run with `node --conditions react-server react-rows.mjs | node decode-rows.mjs`.
// It renders every expectation of decode-rows.mjs with React's OWN Flight
// server (renderToPipeableStream) and prints the rows in the same format Go's
// test sends. If decode-rows.mjs then passes, its expectations and checks
// agree with real React on both ends, so a failure with Go's rows is Go's.
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { expectations } from './decode-rows.mjs';

const require = createRequire(import.meta.url);
const server = require('react-server-dom-webpack/server.node');

// Values the server cannot take as the client sees them.
const serverSide = {
  'server reference': () => ({ action: server.registerServerReference(function save() {}, 'actions', 'save') }),
};

function render(value) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sink = new PassThrough();
    sink.on('data', (c) => chunks.push(c));
    sink.on('end', () => resolve(Buffer.concat(chunks).toString('base64')));
    sink.on('error', reject);
    const { pipe } = server.renderToPipeableStream(value, {}, {
      onError: (err) => (err && err.digest) || 'no-digest',
    });
    pipe(sink);
  });
}

const cases = [];
for (const [name, make] of Object.entries(expectations)) {
  cases.push({ name, rows: await render((serverSide[name] || make)()) });
}
process.stdout.write(JSON.stringify({ cases }) + '\n');
