// gen.mjs writes golden reply bodies produced by React's own encodeReply
// (react-server-dom-webpack 19.3.1) into this folder: <name>.body holds the
// exact request body and <name>.ctype its Content-Type. The decoder tests read
// them. Run from a folder whose node_modules has react-server-dom-webpack,
// react and react-dom 19.3.1:
//
//	cd /tmp/scratch && npm i react-server-dom-webpack@19.3.1 react@19.3.1 react-dom@19.3.1
//	node /path/to/flight/testdata/decode/gen.mjs /path/to/flight/testdata/decode
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(join(process.cwd(), "x.js"));
const client = require("react-server-dom-webpack/client.node");
const out = process.argv[2] || ".";

async function write(name, value, opts) {
  const body = await client.encodeReply(value, opts);
  if (typeof body === "string") {
    writeFileSync(join(out, name + ".body"), body);
    writeFileSync(join(out, name + ".ctype"), "text/plain;charset=UTF-8");
    return;
  }
  // A fixed boundary keeps the golden files stable between runs.
  const res = new Response(body);
  const ctype = res.headers.get("content-type");
  const boundary = ctype.split("boundary=")[1];
  let text = Buffer.from(await res.arrayBuffer()).toString("latin1");
  text = text.split(boundary).join("GoldenBoundary");
  writeFileSync(join(out, name + ".body"), Buffer.from(text, "latin1"));
  writeFileSync(join(out, name + ".ctype"), "multipart/form-data; boundary=GoldenBoundary");
}

function* gen() { yield 1; yield "two"; }
async function* agen() { yield 1; yield "two"; return "done"; }

const shared = { a: 1 };
const fd = new FormData();
fd.append("name", "Ada");
fd.append("file", new File(["hello"], "h.txt", { type: "text/plain" }));
fd.append("name", "Bob");

const bytes = new ReadableStream({
  type: "bytes",
  start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.enqueue(new Uint8Array([4])); c.close(); },
});
const values = new ReadableStream({
  start(c) { c.enqueue("a"); c.enqueue({ b: 2 }); c.close(); },
});
const iterable = { async *[Symbol.asyncIterator]() { yield "x"; yield 2; } };

const ref = client.createServerReference("abc#fn", () => {});

await write("scalars", [
  "$x", -0, NaN, Infinity, -Infinity, 12345678901234567890n, undefined,
  new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)), { a: 1, u: undefined, s: "$" }, [1, [2, null]], null, true, "hi",
]);
await write("shared", [shared, shared, { in: shared }]);
await write("map_set", [new Map([["k", 1], [2, { v: true }]]), new Set(["a", 3])]);
await write("formdata", [fd, "after"]);
await write("blobs", [new Blob(["blob!"], { type: "application/octet-stream" }), new File(["file"], "f.bin", { type: "x/y" })]);
await write("typed", [
  new Uint8Array([1, 2, 255]).buffer, new Int8Array([-1, 2]), new Uint8Array([1, 2]), new Uint8ClampedArray([255]),
  new Int16Array([-2, 3]), new Uint16Array([65535]), new Int32Array([-5]), new Uint32Array([4000000000]),
  new Float32Array([1.5]), new Float64Array([-2.25]), new BigInt64Array([-7n]), new BigUint64Array([18446744073709551615n]),
  new DataView(new Uint8Array([9, 8]).buffer),
]);
await write("promise_iter", [Promise.resolve({ p: 1 }), gen()]);
await write("streams", [bytes, values, iterable, agen()]);
await write("server_ref", [ref]);
const temps = client.createTemporaryReferenceSet();
await write("temporary", [() => {}, { key: () => {}, list: [0, () => {}] }], { temporaryReferences: temps });
