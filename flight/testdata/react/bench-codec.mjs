// Times React 19.3.1 on the codec benchmark payloads and prints ns/op as JSON.
// Run by scripts/bench-codec.sh: NODE_ENV=production node --conditions react-server bench-codec.mjs
import { decodeReply, decodeAction, renderToReadableStream, encodeReply, createFromReadableStream } from "./bench-react.mjs";
import { form10, args, list100 } from "./bench-payloads.mjs";
import { measure } from "./bench-measure.mjs";

// decodeAction loads the action through webpack's runtime; a one-entry
// manifest and a stub module loader stand in for a bundle.
globalThis.__webpack_require__ = () => ({ createPost() {} });
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
const manifest = { abc123: { id: "actions", chunks: [], name: "createPost" } };

async function bodyOf(fd) {
  const req = new Request("http://127.0.0.1/", { method: "POST", body: fd });
  return { bytes: new Uint8Array(await req.arrayBuffer()), type: req.headers.get("content-type") };
}
const parse = ({ bytes, type }) =>
  new Request("http://127.0.0.1/", { method: "POST", body: bytes, headers: { "content-type": type } }).formData();

const results = {};
// JS call with a FormData argument, as body bytes: parse + decode.
const form10Reply = await bodyOf(await encodeReply([form10()]));
results["decode/form10-reply"] = await measure(async () => decodeReply(await parse(form10Reply)));
// No-JS form post: parse + decodeAction.
const noJS = form10();
noJS.append("$ACTION_ID_abc123", "");
const noJSBody = await bodyOf(noJS);
results["decode/form10-action"] = await measure(async () => decodeAction(await parse(noJSBody), manifest));
// Arguments with a nested object, a Map and a Date (multipart).
const argsBody = await bodyOf(await encodeReply(args()));
results["decode/args"] = await measure(async () => decodeReply(await parse(argsBody)));
// A 100-item list result, rendered to Flight rows and read to the end.
const list = list100();
results["encode/list100"] = await measure(async () => {
  const s = renderToReadableStream(list, {});
  const r = s.getReader();
  while (!(await r.read()).done);
});
// The list as an argument, in the text reply encodeReply writes for it:
// read the body as text, as a server must, and decode it.
const listReply = new TextEncoder().encode(await encodeReply([list]));
results["decode/list100-reply"] = await measure(async () =>
  decodeReply(await new Request("http://127.0.0.1/", { method: "POST", body: listReply }).text()));
// The args as a result, rendered to Flight rows and read to the end.
results["encode/args-rows"] = await measure(async () => {
  const s = renderToReadableStream(args(), {});
  const r = s.getReader();
  while (!(await r.read()).done);
});
// The client side of the same payloads: encodeReply of the arguments, and
// createFromReadableStream of the list's rows.
results["encode/args-reply"] = await measure(() => encodeReply(args()));
const rows = await new Response(renderToReadableStream(list, {})).arrayBuffer();
const consumer = { serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null } };
results["decode/list100-rows"] = await measure(() =>
  createFromReadableStream(new Response(rows).body, consumer));
console.log(JSON.stringify(results));
