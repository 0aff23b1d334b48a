// The runtime in headless Chromium, as written (runtime.js) and as served
// (runtime.min.js), against a small stand-in for the actions middleware
// written here (the protocol's answers, not Go's code): forms posted with
// fetch and morphed in, pending state, optimistic items, reset,
// errors, the queue, stale pages, redirects, and createAction. Each page
// runs its steps itself (the harness functions below, served as its module
// script) and posts its checks back; the test fails on any failed check.
// The same behaviours against the real Go server are internal/browsertest's.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Both copies of the runtime: each runs every page below. The minified one
// is what users get; the source gives readable stacks when both fail.
const copies = ['runtime.js', 'runtime.min.js'];
let runtime; // the copy the pages load, as /runtime.js

// ---------------------------------------------------------------------------
// The server: one page of posts, rendered from its state, and its actions.

let posts = []; // [{id, title}]
let arrivals = []; // ids of actions as they reach the server, for the queue
const waiting = new Map(); // page -> resolve(checks)

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// page renders the posts page; sub is what a submission gave it: the
// error, field errors and typed values to show again.
function page(harness, sub = {}) {
  const v = sub.values || {};
  const fieldErr = sub.fields?.title ? `<p id="title-error">${esc(sub.fields.title)}</p>` : '';
  return `<!doctype html><html><head><title>Posts (${posts.length})</title></head><body>
<h1 id="heading">Posts (${posts.length})</h1>
<p id="message">${esc(sub.message || '')}</p>
<ul id="list">${posts.map((p) => `<li id="post-${p.id}">${esc(p.title)}</li>`).join('')}</ul>
<form id="new" method="post">
  <input type="hidden" name="$ACTION_ID_create">
  <input id="title" name="title" value="${esc(v.title || '')}">
  ${fieldErr}
  <textarea id="body" name="body">${esc(v.body || '')}</textarea>
  <input id="tag" name="tag" value="${esc(v.tag || '')}">
  <input id="secret" name="secret" type="password">
  <label><input id="agree" name="agree" type="checkbox" value="yes"${v.agree ? ' checked' : ''}> agree</label>
  <button id="create" data-pending-label="Creating…"><b>Create</b></button>
  <button id="draft" name="$ACTION_ID_draft">Save draft</button>
  <button id="never" disabled>Disabled before</button>
</form>
<template data-optimistic="new" data-target="#list" data-position="append"><li class="opt" data-slot-title="title"><span data-slot="title">?</span> (sending)</li></template>
<p id="links"></p>
<template data-optimistic="new" data-target="#links"><a data-slot="tag" data-slot-href="tag"></a></template>
<template data-optimistic="keep" data-target="#list"><li data-slot-onclick="title">refused</li></template>
<form id="keep" method="post" data-reset="false"><input type="hidden" name="$ACTION_ID_create"><input id="keep-title" name="title"><button>Go</button></form>
<form id="a" method="post"><input type="hidden" name="$ACTION_ID_slow"><button>A</button></form>
<form id="b" method="post"><input type="hidden" name="$ACTION_ID_fast"><button>B</button></form>
<form id="p" method="post" data-parallel><input type="hidden" name="$ACTION_ID_fast"><button>P</button></form>
<form id="off" method="post" data-actions="off"><input type="hidden" name="$ACTION_ID_create"><button>Off</button></form>
<form id="plain" method="post"><input name="q"><button>Plain</button></form>
<form id="far" method="post" action="http://localhost:1/x"><input type="hidden" name="$ACTION_ID_create"><button>Far</button></form>
<template data-optimistic="gone" data-target="#list"><li data-slot="title"></li></template>
<form id="gone" method="post" action="/gone"><input type="hidden" name="$ACTION_ID_create"><input id="gone-title" name="title"><button>Gone</button></form>
<form id="big" method="post" action="/big"><input type="hidden" name="$ACTION_ID_create"><input id="big-title" name="title"><button>Big</button></form>
<form id="boom" method="post"><input type="hidden" name="$ACTION_ID_boom"><input id="boom-title" name="title"><button>Boom</button></form>
<form id="stale" method="post"><input type="hidden" name="$ACTION_ID_old"><input id="stale-title" name="title"><textarea id="stale-body" name="body"></textarea><select id="stale-pick" name="pick"><option>x</option><option>y</option></select><input id="stale-secret" name="secret" type="password"><button>Stale</button></form>
<form id="away" method="post"><input type="hidden" name="$ACTION_ID_away"><button>Away</button></form>
<script type="module" src="/harness.js?page=${harness}"></script>
</body></html>`;
}

// Flight rows for a script call's result; text is the refreshed page.
function rows(root, refresh) {
  const text = refresh ? `7fffffff:T${Buffer.byteLength(refresh).toString(16)},${refresh}` : '';
  return text + root;
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

async function formFields(req, body) {
  const fd = await new Response(body, { headers: { 'Content-Type': req.headers['content-type'] } }).formData();
  return fd;
}

const server = createServer((req, res) =>
  serve(req, res).catch((err) => {
    console.error(err);
    res.destroy();
  }),
);

async function serve(req, res) {
  if (process.env.DEBUG) console.error(req.method, req.url);
  const url = new URL(req.url, 'http://x');
  const send = (status, type, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  if (url.pathname == '/runtime.js') return send(200, 'text/javascript', runtime);
  if (url.pathname == '/harness.js') {
    const name = url.searchParams.get('page');
    const done = `(checks) => fetch('/result?page=${name}', { method: 'POST', body: JSON.stringify(checks) })`;
    return send(200, 'text/javascript', `import * as rt from '/runtime.js';\nconst pages = { ${harnesses[name]} };\npages[${JSON.stringify(name)}](rt, ${done});\n`);
  }
  if (url.pathname == '/result') {
    const checks = JSON.parse(await readBody(req));
    waiting.get(url.searchParams.get('page'))?.(checks);
    return send(204, 'text/plain', '');
  }
  if (url.pathname == '/gone') return req.socket.destroy(); // a network failure
  const harness = url.searchParams.get('h');
  if (req.method == 'GET') return send(200, 'text/html; charset=utf-8', page(harness));
  if (url.pathname == '/big') return send(413, 'text/plain; charset=utf-8', 'The form is too large: the limit is 1 MiB.\n');

  const body = await readBody(req);
  if (req.headers['action-id']) {
    // A script call: the reply format in, rows out.
    const id = req.headers['action-id'];
    arrivals.push(id);
    const args = req.headers['content-type'].startsWith('multipart/') ? JSON.parse((await formFields(req, body)).get('0')) : JSON.parse(body);
    const error = (status, wire) =>
      send(status, 'text/x-component', `0:E${JSON.stringify({ digest: JSON.stringify(wire), name: 'ActionError', message: wire.message, stack: [], env: 'Server', owner: null })}\n`);
    switch (id) {
      case 'echo':
        return send(200, 'text/x-component', `1:[["when","$D2025-01-02T00:00:00.000Z"]]\n0:{"args":${JSON.stringify(args.map((a) => (/^\$[^$]/.test(a) ? '$$part' : a)))},"m":"$Q1","n":"$n12345678901234567890"}\n`);
      case 'like':
        posts.push({ id: posts.length + 1, title: 'liked ' + args[0] });
        return send(200, 'text/x-component', rows('0:{"likes":1}\n', page(harness)), { 'Action-Refresh': '1' });
      case 'invalid':
        return error(422, { code: 'invalid_argument', message: 'Check it.', fields: { qty: ['Too many.'] } });
      case 'crash':
        return error(500, { code: 'internal', message: 'Something went wrong on our side.', id: 'c0ffee' });
      case 'sleep':
        await new Promise((r) => setTimeout(r, args[1] ?? 300));
        return send(200, 'text/x-component', `0:"${args[0]}"\n`);
    }
    return error(400, { code: 'bad_request', message: 'unknown ' + id });
  }

  // A form post from the runtime.
  const fd = await formFields(req, body);
  const values = Object.fromEntries(fd);
  const id = [...fd.keys()].filter((k) => k.startsWith('$ACTION_ID_')).pop()?.slice(11);
  arrivals.push(id);
  const html = (status, sub, headers) => send(status, 'text/html; charset=utf-8', page(harness, sub), headers);
  switch (id) {
    case 'create':
    case 'draft':
      if (!values.title) {
        return html(422, { values, message: 'Check the form.', fields: { title: 'Give your post a title.' } }, { 'Action-Outcome': 'invalid_argument' });
      }
      if (values.wait) await new Promise((r) => setTimeout(r, +values.wait));
      posts.push({ id: posts.length + 1, title: (id == 'draft' ? 'draft: ' : '') + values.title });
      return html(200, {}, { 'Action-Outcome': 'ok' }); // typed values are echoed after errors only

    case 'slow':
      await new Promise((r) => setTimeout(r, 300));
      return html(200, {}, { 'Action-Outcome': 'ok' });
    case 'fast':
      return html(200, {}, { 'Action-Outcome': 'ok' });
    case 'boom':
      return html(500, { values, message: 'Something went wrong (reference 1234).' }, { 'Action-Outcome': 'internal' });
    case 'old':
      return html(409, { values, message: 'This page was out of date.' }, { 'Action-Stale': '1' });
    case 'away':
      return send(200, 'text/html', '', { 'Action-Redirect': '/?h=arrived' });
  }
  send(400, 'text/plain', 'no such action');
}

// ---------------------------------------------------------------------------
// The pages' own steps. They run in the browser: no closures over this file.

const harnesses = {
  async forms(rt, done) {
    const checks = [];
    const check = (name, ok, detail) => checks.push({ name, ok: !!ok, detail: ok ? undefined : String(detail) });
    // A step that never ends fails with the checks so far and the errors.
    const errors = [];
    window.addEventListener('error', (e) => errors.push(e.error?.stack || e.message));
    setTimeout(() => done([...checks, { name: 'the page ran to its end in 10 s', ok: false, detail: checks.length + ' checks; errors: ' + errors.join('\n') }]), 10000);
    const $ = (s) => document.querySelector(s);
    // rejection resolves with what p rejects with, or null if it resolves.
    const rejection = (p) => p.then(() => null, (e) => e);
    const settled = (form) => new Promise((r) => form.addEventListener('actions:settled', r, { once: true }));
    const events = [];
    for (const t of ['actions:pending', 'actions:settled', 'actions:error']) {
      document.addEventListener(t, (e) => events.push([t, e.target.id, e.detail]));
    }
    // What the runtime lets through, the browser would post: stop it here.
    const native = [];
    window.addEventListener('submit', (e) => {
      if (!e.defaultPrevented) {
        native.push(e.target.id);
        e.preventDefault();
      }
    });
    try {
      // 1. Success: pending, optimistic item, then the server's page, reset.
      const form = $('#new');
      const heading = $('#heading');
      const title = $('#title');
      title.focus();
      title.value = 'Hello <b>';
      $('#body').value = 'Some text';
      $('#tag').value = ' JavaScript:alert(1)';
      let done1 = settled(form);
      form.requestSubmit($('#create'));
      check('form is busy while pending', form.getAttribute('aria-busy') == 'true' && form.hasAttribute('data-pending'));
      check('submitter is busy, disabled, relabelled', $('#create').disabled && $('#create').hasAttribute('data-pending') && $('#create').textContent == 'Creating…', $('#create').outerHTML);
      check('other submit buttons are disabled', $('#draft').disabled && $('#never').disabled);
      const opt = $('#list li[data-optimistic]');
      check('optimistic item shows the typed title as text', opt && opt.textContent == 'Hello <b> (sending)' && opt.title == 'Hello <b>' && !opt.querySelector('b'), opt?.outerHTML);
      const link = $('#links a[data-optimistic]');
      check('a javascript: URL is not made a link', link && link.textContent == ' JavaScript:alert(1)' && !link.hasAttribute('href'), link?.outerHTML);
      const status = rt.formStatus(form);
      check('formStatus while pending', status.pending && status.method == 'post' && status.action == 'create' && status.data.get('title') == 'Hello <b>', JSON.stringify(status));
      check('actions:pending fired on the form', events.some(([t, id]) => t == 'actions:pending' && id == 'new'));
      await done1;
      check('server page morphed in', heading.textContent == 'Posts (1)' && document.title == 'Posts (1)', heading.textContent);
      check('elements keep their identity', $('#heading') === heading && $('#title') === title && $('#new') === form);
      check('optimistic item replaced by the server item', !$('[data-optimistic]:not(template)') && $('#post-1')?.textContent == 'Hello <b>', $('#list').innerHTML);
      check('form reset after success', title.value == '' && $('#body').value == '', title.value + '|' + $('#body').value);
      check('pending marks gone, label restored with its markup', !form.hasAttribute('aria-busy') && !form.hasAttribute('data-pending') && !$('#create').disabled && $('#create').innerHTML == '<b>Create</b>', $('#create').outerHTML);
      check('a button disabled before stays disabled', $('#never').disabled && !$('#draft').disabled);
      check('formStatus idle after', !rt.formStatus(form).pending);
      check('focus kept', document.activeElement === title, document.activeElement?.id);

      // 2. Invalid: the page shows the error; what was typed stays, and the
      // caret in the focused field too.
      const body = $('#body');
      body.focus();
      body.value = 'draft text';
      body.setSelectionRange(2, 5);
      $('#tag').value = 'typed tag'; // dirty, not focused, not echoed back
      let errEvent = new Promise((r) => form.addEventListener('actions:error', (e) => r(e.detail), { once: true }));
      done1 = settled(form);
      form.requestSubmit();
      const detail = await errEvent;
      await done1;
      check('error event with the code and status', detail.status == 422 && detail.code == 'invalid_argument' && detail.message == '', JSON.stringify(detail));
      check('field error rendered by the server', $('#title-error')?.textContent == 'Give your post a title.');
      check('typed values kept after an error', body.value == 'draft text' && $('#tag').value == 'typed tag', body.value + '|' + $('#tag').value);
      check('focus and selection kept', document.activeElement === body && body.selectionStart == 2 && body.selectionEnd == 5, `${document.activeElement?.id} ${body.selectionStart}-${body.selectionEnd}`);
      check('no announcement for an expected error', !$('[data-actions-status]')?.textContent);

      // 3. A button with its own action; the focused input keeps what is
      // typed while the post is in flight; the server's echo is kept too.
      title.value = 'Second';
      $('#tag').value = '/posts?tag=go';
      title.focus();
      const wait = document.createElement('input');
      wait.type = 'hidden';
      wait.name = 'wait';
      wait.value = '200';
      form.append(wait);
      done1 = settled(form);
      form.requestSubmit($('#draft'));
      check('the submitter sends its own action', rt.formStatus(form).action == 'draft' && $('#draft').getAttribute('aria-busy') == 'true');
      check('data-slot-href sets a link', $('#links a')?.getAttribute('href') == '/posts?tag=go', $('#links').innerHTML);
      title.value = 'typing on';
      await done1;
      check('a post with its own action ran it', $('#post-2')?.textContent == 'draft: Second', $('#list').innerHTML);
      check('what was typed while it was pending is not reset', title.value == 'typing on' && $('#body').value == '', title.value + '|' + $('#body').value);
      check('the hidden input the server does not render is gone', !form.querySelector('[name=wait]'));

      // 3b. Another request's answer keeps this one's pending marks and
      // optimistic item: they are lifted around its morph.
      const slowly = (ms) => {
        const w = Object.assign(document.createElement('input'), { type: 'hidden', name: 'wait', value: ms });
        form.append(w);
      };
      title.value = 'Third';
      slowly(400);
      done1 = settled(form);
      form.requestSubmit($('#create'));
      const other = settled($('#p'));
      $('#p').requestSubmit();
      await other;
      check('another answer keeps the pending marks', form.getAttribute('aria-busy') == 'true' && $('#create').disabled && $('#create').textContent == 'Creating…', $('#create').outerHTML);
      check('another answer keeps the optimistic item', $('#list [data-optimistic]')?.textContent == 'Third (sending)', $('#list').innerHTML);
      await done1;
      check('then the server item replaces it', !$('#list [data-optimistic]') && [...document.querySelectorAll('#list li')].some((li) => li.textContent == 'Third'), $('#list').innerHTML);

      // 3c. abortAll: the request goes, nothing is reported, values stay.
      title.value = 'Aborted';
      slowly(400);
      done1 = settled(form);
      let errors = 0;
      const countErrors = () => errors++;
      form.addEventListener('actions:error', countErrors);
      form.requestSubmit($('#create'));
      setTimeout(rt.abortAll, 50);
      await done1;
      form.removeEventListener('actions:error', countErrors);
      check('an aborted post reports nothing and keeps the values', errors == 0 && title.value == 'Aborted' && !form.hasAttribute('aria-busy') && !$('#list [data-optimistic]'), `${errors} ${title.value}`);
      title.value = '';

      // 4. Keep values: data-reset="false". Its template fills onclick:
      // refused and reported, and the form is sent all the same.
      const keep = $('#keep');
      $('#keep-title').value = 'stays';
      const refused = new Promise((r) => window.addEventListener('error', (e) => r(e.error), { once: true }));
      done1 = settled(keep);
      keep.requestSubmit();
      check('a template filling onclick shows nothing', !$('[data-optimistic]:not(template)') && rt.formStatus(keep).pending, $('#list').innerHTML);
      const refusal = await refused;
      await done1;
      check('and is reported', /cannot fill onclick/.test(refusal?.message), refusal);
      check('data-reset="false" keeps the values', $('#keep-title').value == 'stays');

      // 5. One at a time: b waits for a; p (data-parallel) does not.
      const order = [];
      const a = settled($('#a')).then(() => order.push('a'));
      const b = settled($('#b')).then(() => order.push('b'));
      $('#a').requestSubmit();
      $('#b').requestSubmit();
      const p = settled($('#p')).then(() => order.push('p'));
      $('#p').requestSubmit();
      await Promise.all([a, b, p]);
      check('queued in order, parallel skips the queue', order.join() == 'p,a,b', order.join());

      // 6. Forms the runtime leaves to the browser.
      for (const id of ['off', 'plain', 'far']) $('#' + id).requestSubmit();
      check('off, plain and cross-origin forms are posted natively', native.join() == 'off,plain,far', native.join());

      // 7. A network failure keeps the values, says so, rolls back.
      const gone = $('#gone');
      $('#gone-title').value = 'kept';
      errEvent = new Promise((r) => gone.addEventListener('actions:error', (e) => r(e.detail), { once: true }));
      done1 = settled(gone);
      gone.requestSubmit();
      const net = await errEvent;
      await done1;
      const region = $('[data-actions-status]');
      check('network failure announced', net.code == 'network' && region?.textContent == 'Could not reach the server. Your entries are kept; try again.' && region.getAttribute('aria-live') == 'polite', region?.outerHTML);
      check('network failure keeps the values', $('#gone-title').value == 'kept');
      check('network failure rolls back the optimistic item', !$('[data-optimistic]:not(template)'), $('#list').innerHTML);

      // 8. A refusal in plain text is shown; values kept.
      $('#big-title').value = 'big';
      done1 = settled($('#big'));
      $('#big').requestSubmit();
      await done1;
      check('a plain-text refusal is announced', region.textContent == 'The form is too large: the limit is 1 MiB.' && $('#big-title').value == 'big', region.textContent);

      // 9. A server error: its page, an announcement, the values.
      $('#boom-title').value = 'boom';
      done1 = settled($('#boom'));
      $('#boom').requestSubmit();
      await done1;
      check('a 500 page is morphed in and announced', $('#message').textContent == 'Something went wrong (reference 1234).' && /Something went wrong on the server/.test(region.textContent), region.textContent);
      check('the status region survives morphs', region.isConnected && document.querySelectorAll('[data-actions-status]').length == 1);
      check('a 500 keeps the values', $('#boom-title').value == 'boom');

      // 10. Calls from script.
      const echo = rt.createAction('echo');
      const got = await echo('$dollar', new Map([[1, 2]]), new Blob(['x']));
      check('a call decodes its result', got.args.join() == '$dollar,$part,$part' && got.m.get('when') instanceof Date && got.n == 12345678901234567890n, JSON.stringify(got.args));
      let e = await rejection(rt.createAction('invalid')(1));
      check('an error rejects with ActionError', e instanceof rt.ActionError && e.code == 'invalid_argument' && e.fields.qty[0] == 'Too many.' && e.status == 422, e);
      const callErr = new Promise((r) => document.addEventListener('actions:error', (e) => r(e.detail), { once: true }));
      e = await rejection(rt.createAction('crash')());
      const d = await callErr;
      check('a 500 call rejects, fires actions:error on document, is announced with its reference', e?.code == 'internal' && e.id == 'c0ffee' && d.status == 500 && region.textContent == 'Something went wrong on our side. (reference c0ffee)', region.textContent);
      const likes = await rt.createAction('like')('x');
      check('a call that refreshed morphs the page before it resolves', likes.likes == 1 && $('#heading').textContent == `Posts (${document.querySelectorAll('#list li').length})` && $('#list li:last-child').textContent == 'liked x', $('#heading').textContent);
      const ctl = new AbortController();
      const sleep = rt.createAction('sleep');
      const aborted = sleep.withSignal(ctl.signal)('a');
      setTimeout(() => ctl.abort(), 50);
      e = await rejection(aborted);
      check('an aborted call rejects with an AbortError', e?.name == 'AbortError', e);
      const queued = sleep('first');
      const later = rt.createAction('sleep')('second', 0);
      const fast = rt.createAction('sleep', { parallel: true })('parallel', 0);
      const finished = [];
      await Promise.all([queued, later, fast].map((p) => p.then((v) => finished.push(v))));
      check('calls queue; parallel ones do not', finished.join() == 'parallel,first,second', finished.join());
      e = await rejection(rt.createAction('echo')(Symbol('no')));
      check('a symbol argument is refused before sending', e instanceof TypeError, e);
    } catch (e) {
      check('the page ran to its end', false, e.stack || e);
    }
    done(checks);
  },

  // The stale page: submit, reload, the values come back.
  async stale(rt, done) {
    const $ = (s) => document.querySelector(s);
    if (!sessionStorage.getItem('harness:stale')) {
      sessionStorage.setItem('harness:stale', '1');
      $('#stale-title').value = 'typed before';
      $('#stale-body').value = 'a long text';
      $('#stale-pick').value = 'y';
      $('#stale-secret').value = 'hunter2';
      $('#title').value = 'other form too';
      $('#stale').requestSubmit(); // 409 + Action-Stale: reload
      return;
    }
    const checks = [];
    const check = (name, ok, detail) => checks.push({ name, ok: !!ok, detail: ok ? undefined : String(detail) });
    check('reloaded with the values restored', $('#stale-title').value == 'typed before' && $('#stale-body').value == 'a long text' && $('#stale-pick').value == 'y', [$('#stale-title').value, $('#stale-body').value, $('#stale-pick').value]);
    check('other action forms restored too', $('#title').value == 'other form too');
    check('passwords are not saved', $('#stale-secret').value == '');
    check('the user is told', $('[data-actions-status]')?.textContent == 'This page was updated. Please check your entries and submit again.');
    check('the saved values are gone', !Object.keys(sessionStorage).some((k) => k.startsWith('actions:stale:')));
    done(checks);
  },

  // A redirect navigates.
  async redirect(rt, done) {
    document.querySelector('#away').requestSubmit();
  },
  async arrived(rt, done) {
    done([{ name: 'a redirect navigated', ok: location.search == '?h=arrived' }]);
  },
};

// ---------------------------------------------------------------------------
// The browser

function chromium() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error('chromium is not installed: run ./scripts/test.sh, which installs it');
}

await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'runtime-browser-'));
const browsers = [];
after(async () => {
  // A killed Chromium writes its profile until it has exited: removing the
  // folder before then fails now and then (ENOTEMPTY).
  const exited = (b) => b.exitCode !== null || b.signalCode !== null;
  await Promise.all(browsers.filter((b) => !exited(b)).map((b) => new Promise((resolve) => b.once('exit', resolve).kill())));
  server.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
});

// visit opens harness page name in a fresh headless Chromium and resolves
// with the checks it posts back (from the page named wait).
function visit(name, waitFor = name) {
  let timer;
  const result = new Promise((resolve, reject) => {
    waiting.set(waitFor, resolve);
    timer = setTimeout(() => reject(new Error(`page ${name} posted no result within 20 s`)), 20000);
  });
  posts = [];
  const b = spawn(chromium(), ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(profile, name + browsers.length)}`,
    '--disable-background-networking', '--disable-component-update', '--enable-logging=stderr', `${origin}/?h=${name}`], { stdio: process.env.DEBUG ? 'inherit' : 'ignore' });
  browsers.push(b);
  return result.finally(() => {
    clearTimeout(timer);
    b.kill();
  });
}

function assertChecks(checks) {
  const failed = checks.filter((c) => !c.ok);
  assert.deepStrictEqual(failed, [], failed.map((c) => `${c.name}: ${c.detail}`).join('\n'));
  assert.ok(checks.length > 0);
}

for (const copy of copies) {
  test(copy, async (t) => {
    runtime = readFileSync(new URL('../' + copy, import.meta.url));
    await t.test('forms and calls in Chromium', { timeout: 30000 }, async () => {
      assertChecks(await visit('forms'));
    });
    await t.test('a stale page reloads and restores what the user typed', { timeout: 30000 }, async () => {
      assertChecks(await visit('stale'));
    });
    await t.test('a redirect from a form navigates', { timeout: 30000 }, async () => {
      assertChecks(await visit('redirect', 'arrived'));
    });
  });
}
