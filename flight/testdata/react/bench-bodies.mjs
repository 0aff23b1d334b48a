// Writes the request bodies React's client produces for the benchmark
// payloads, so the Go benchmark decodes the very same bytes:
//   NODE_ENV=production node --conditions react-server bench-bodies.mjs <dir>
import { writeFileSync, mkdirSync } from "node:fs";
import { renderToReadableStream, encodeReply } from "./bench-react.mjs";
import { form10, args, list100 } from "./bench-payloads.mjs";

const dir = process.argv[2];
mkdirSync(dir, { recursive: true });
async function save(name, fd) {
  const req = new Request("http://127.0.0.1/", { method: "POST", body: fd });
  writeFileSync(`${dir}/${name}.body`, new Uint8Array(await req.arrayBuffer()));
  writeFileSync(`${dir}/${name}.type`, req.headers.get("content-type"));
}
await save("form10-reply", await encodeReply([form10()]));
const noJS = form10();
noJS.append("$ACTION_ID_abc123", "");
await save("form10-action", noJS);
await save("args", await encodeReply(args()));
await save("list100-reply", await encodeReply([list100()]));
writeFileSync(`${dir}/list100.rows`, new Uint8Array(await new Response(renderToReadableStream(list100(), {})).arrayBuffer()));
