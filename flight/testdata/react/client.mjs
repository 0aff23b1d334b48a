// Loads React's real Flight client (react-server-dom-webpack, node build).
//
// The package's "exports" map hides the cjs files and picks the build from
// NODE_ENV, so the conformance scripts require them by file path instead:
// that lets one process hold both the production and the development client
// and check Go's bytes against each.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const builds = ['production', 'development'];

export function loadClient(build) {
  if (!builds.includes(build)) throw new Error(`unknown build ${build}`);
  return require(`./node_modules/react-server-dom-webpack/cjs/react-server-dom-webpack-client.node.${build}.js`);
}

// The node client resolves "$h" rows through serverConsumerManifest. With no
// serverModuleMap it does not look modules up at all: it builds a callable
// stand-in that remembers {id, bound}, which is all these tests need.
export const consumerManifest = { moduleMap: {}, serverModuleMap: null, moduleLoading: null };

// Reads the whole of stdin as text.
export async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

// Turns what encodeReply resolved with (a string or a FormData) into plain
// JSON the Go test can rebuild a request body from, entries in FormData order.
export async function describeBody(body) {
  if (typeof body === 'string') return { text: body };
  const multipart = [];
  for (const [name, value] of body.entries()) {
    if (typeof value === 'string') {
      multipart.push({ name, value });
    } else {
      const bytes = Buffer.from(await value.arrayBuffer());
      multipart.push({ name, file: { name: value.name, type: value.type, base64: bytes.toString('base64') } });
    }
  }
  return { multipart };
}
