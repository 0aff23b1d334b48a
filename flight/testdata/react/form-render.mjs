// form-render.mjs: a no-JavaScript form, as react-dom/server renders it.
//
// Run with NODE_ENV=production (react and react-dom pick their build from
// it). Renders a component whose <form> posts to a useActionState action
// made from a bound server reference (the client's createServerReference,
// then .bind), with a text input, a file input, a button whose formAction
// is a second, unbound reference, and a plain submit button. Prints
// {"html": "..."} on one line; the Go test (conformance_form_test.go) reads
// the hidden inputs React wrote and posts them as a browser would.
import { createRequire } from 'node:module';
import { loadClient } from './client.mjs';

const require = createRequire(import.meta.url);
const React = require('react');
const { renderToReadableStream } = require('react-dom/server');

const build = process.env.NODE_ENV === 'development' ? 'development' : 'production';
const client = loadClient(build);

const callServer = () => {
  throw new Error('a server-rendered form calls no server function');
};
const save = client.createServerReference('actions#save', callServer).bind(null, 'user-7', 42);
const publish = client.createServerReference('actions#publish', callServer);

// The state holds characters HTML must escape, so the Go side has to unescape
// attribute values to read the bound arguments.
export const initialState = { saved: 0, note: 'a "quoted" & <tagged> note' };

function Editor() {
  const [state, formAction] = React.useActionState(save, initialState);
  return React.createElement(
    'form',
    { action: formAction },
    React.createElement('input', { name: 'title', defaultValue: state.note }),
    React.createElement('input', { type: 'file', name: 'attachment' }),
    React.createElement('button', { formAction: publish }, 'Publish'),
    React.createElement('button', null, `Save (${state.saved})`),
  );
}

// $$FORM_ACTION suspends until the bound arguments are encoded, so wait for
// the whole document rather than the shell.
const stream = await renderToReadableStream(React.createElement(Editor));
await stream.allReady;
process.stdout.write(JSON.stringify({ html: await new Response(stream).text() }) + '\n');
