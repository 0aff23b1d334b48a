// call-server.mjs: the stock React 19 client calling Go actions over HTTP.
//
// Reads {"url", "ids": {name: id}} on stdin. For React's browser client
// (production and development builds) it makes server references with
// createServerReference(id, callServer), where callServer is the five lines
// an app writes (below), calls them as ordinary async functions against the
// Go test server at url, and prints what each call resolved or rejected
// with, as JSON, for the Go test to check.
//
// React's packages are the ones ./scripts/test.sh installs for the codec's
// conformance tests, in flight/testdata/react.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../flight/testdata/react/package.json', import.meta.url));
const builds = ['production', 'development'];

// The browser build expects the webpack runtime a bundle would give it; it
// only uses it to load client components, which these calls never return.
globalThis.__webpack_require__ = Object.assign(() => { throw new Error('no client modules here'); }, { u: () => '' });
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
const consumer = { serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null } };

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// What a call settled with, as plain JSON: Maps, Dates and bigints spelled
// out so the Go side can compare exactly.
function plain(v) {
  if (v instanceof Map) return { Map: [...v].map(([k, x]) => [plain(k), plain(x)]) };
  if (v instanceof Set) return { Set: [...v].map(plain) };
  if (v instanceof Date) return { Date: v.toISOString() };
  if (typeof v === 'bigint') return { bigint: v.toString() };
  if (typeof v === 'undefined') return { undefined: true };
  if (typeof v === 'function') return { function: true };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const { url, ids } = await readStdin();
const out = {};
for (const build of builds) {
  const { createFromFetch, createServerReference, encodeReply } =
    require(`./node_modules/react-server-dom-webpack/cjs/react-server-dom-webpack-client.browser.${build}.js`);
  const redirects = [];

  // The whole integration an app needs: post the encoded arguments with the
  // action's id, read the answer as Flight rows.
  async function callServer(id, args) {
    const response = fetch(url, { method: 'POST', headers: { 'Action-Id': id, Accept: 'text/x-component' }, body: await encodeReply(args) });
    response.then((r) => r.headers.get('Action-Redirect') && redirects.push(r.headers.get('Action-Redirect')));
    return createFromFetch(response, { callServer, ...consumer });
  }

  const act = (name) => createServerReference(ids[name], callServer);
  const settle = async (p) => {
    try {
      return { value: plain(await p) };
    } catch (e) {
      return { error: { message: e.message, digest: e.digest } };
    }
  };
  const form = new FormData();
  form.append('title', 'Hello');
  form.append('photo', new File([new Uint8Array([1, 2, 3, 4])], 'p.png', { type: 'image/png' }));
  const results = {
    add: await settle(act('add')({ sku: 'A1', qty: 2 }, 'gift')),
    types: await settle(act('types')(new Map([['a', new Date(Date.UTC(2025, 0, 2))]]), 12345678901234567890n, new Set([1, 2]))),
    form: await settle(act('upload')(form)),
    notFound: await settle(act('like')(0)),
    redirect: await settle(act('home')()),
    stale: await settle(createServerReference('0'.repeat(24), callServer)()),
  };
  // A bound reference made on the server, called from the client.
  const made = await act('makeRef')();
  results.bound = await settle(made.action('from the client'));
  results.redirects = redirects;
  out[build] = results;
}
process.stdout.write(JSON.stringify(out));
