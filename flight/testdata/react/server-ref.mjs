// server-ref.mjs: a bound server reference, Go -> React -> Go.
//
// Reads {"rows": base64} on stdin: Go's EncodeRows of {"action": ServerRef}
// with bound arguments ("$h" -> row {"id","bound":"$@n"}). For each client
// build it decodes the rows into a callable reference (the node client needs
// only serverConsumerManifest with no serverModuleMap for that), then prints
// what React sends back for it:
//   replies: encodeReply([ref]), the call-argument form of passing it back;
//   forms:   the hidden fields of <form action={ref}>, from the reference's
//            $$FORM_ACTION, the function react-dom/server calls when it
//            renders such a form (prefix "P1" stands for React's id prefix).
import { Readable } from 'node:stream';
import { builds, loadClient, consumerManifest, readStdin, describeBody } from './client.mjs';

// $$FORM_ACTION throws a thenable until the bound arguments are encoded,
// exactly as a suspending render would see it; wait and ask again.
async function formAction(ref, prefix) {
  for (let i = 0; i < 10; i++) {
    try {
      return ref.$$FORM_ACTION(prefix);
    } catch (thrown) {
      if (!thrown || typeof thrown.then !== 'function') throw thrown;
      await thrown;
    }
  }
  throw new Error('$$FORM_ACTION never settled');
}

const { rows } = JSON.parse(await readStdin());
const replies = [];
const forms = [];
for (const build of builds) {
  const client = loadClient(build);
  const root = await client.createFromNodeStream(Readable.from([Buffer.from(rows, 'base64')]), consumerManifest);
  const ref = root.action;
  if (typeof ref !== 'function') throw new Error(`${build}: "action" decoded to ${typeof ref}, not a function`);
  replies.push({ build, body: await describeBody(await client.encodeReply([ref])) });
  const { name, data } = await formAction(ref, 'P1');
  forms.push({ build, name, fields: data ? (await describeBody(data)).multipart : [] });
}
process.stdout.write(JSON.stringify({ replies, forms }, null, 1) + '\n');
