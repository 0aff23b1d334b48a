// form-decode.mjs: React's own reading of a posted form, to judge Go's.
//
// Run with `node --conditions react-server form-decode.mjs` (NODE_ENV picks
// the build). Reads {"cases":[{"name","contentType","body"}]} on stdin, body
// being the base64 of a request body the Go test built as a browser would.
// For each it parses the body with the platform's own multipart parser
// (Response.formData), then runs React's decodeAction, calls the action it
// returns, and runs decodeFormState on the same FormData. Prints
// {"results":[{"name","id","bound","form","formState","error"}]}: the action
// that ran, its bound arguments, the FormData it was given, and
// decodeFormState's [key, id, boundCount] (the action's result left out) or
// null.
import { createRequire } from 'node:module';
import { readStdin } from './client.mjs';

const require = createRequire(import.meta.url);
const server = require('react-server-dom-webpack/server');

// Each server function reports how it was called instead of doing anything.
function recorder(id) {
  return (...args) => ({ id, args });
}
const modules = { actions: { save: recorder('actions#save'), publish: recorder('actions#publish') } };
// React's webpack server loads a module through __webpack_require__.
globalThis.__webpack_require__ = (id) => modules[id];
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
const serverManifest = { actions: { id: 'actions', chunks: [], name: '*' } };

async function entries(fd) {
  const out = [];
  for (const [name, value] of fd) {
    if (typeof value === 'string') out.push({ name, value });
    else out.push({ name, file: { name: value.name, type: value.type, base64: Buffer.from(await value.arrayBuffer()).toString('base64') } });
  }
  return out;
}

const { cases } = JSON.parse(await readStdin());
const results = [];
for (const { name, contentType, body } of cases) {
  try {
    const fd = await new Response(Buffer.from(body, 'base64'), { headers: { 'content-type': contentType } }).formData();
    const action = await server.decodeAction(fd, serverManifest);
    if (action === null) {
      results.push({ name, id: null });
      continue;
    }
    const call = await action();
    const form = call.args[call.args.length - 1];
    const state = await server.decodeFormState(call, fd, serverManifest);
    results.push({
      name,
      id: call.id,
      bound: call.args.slice(0, -1),
      form: await entries(form),
      formState: state === null ? null : state.slice(1),
    });
  } catch (err) {
    results.push({ name, error: String(err && err.stack || err) });
  }
}
process.stdout.write(JSON.stringify({ results }) + '\n');
