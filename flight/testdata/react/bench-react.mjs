// React's edge builds of the Flight server and client, as Next.js runs them.
// The server build must be loaded under the react-server condition; the
// client build is plain CommonJS, required here by file path so that one
// process holds both.
import { createRequire } from 'node:module';
export { decodeReply, decodeAction, renderToReadableStream } from 'react-server-dom-webpack/server.edge';

const require = createRequire(import.meta.url);
export const { encodeReply, createFromReadableStream } = require(
  './node_modules/react-server-dom-webpack/cjs/react-server-dom-webpack-client.edge.production.js');
