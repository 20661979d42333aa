// Encore's pages: the settings form (built from GET /api/settings), live workers, playlist
// pushes and the range picker. No framework, no build step.
'use strict';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

async function getJson(url, options) {
  const response = await fetch(url, Object.assign({ headers: { 'Accept': 'application/json' } }, options || {}));
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  return { status: response.status, ok: response.ok, body };
}

function fieldId(key) { return 'setting-' + key.replace(/[^a-z0-9_]/gi, '-'); }
function errorId(key) { return 'error-' + key.replace(/[^a-z0-9_]/gi, '-'); }

function formatBytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
  return (u === 0 ? n : n.toFixed(1)) + ' ' + units[u];
}

function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

function formatSeconds(s) {
  if (s % 3600 === 0 && s >= 3600) return (s / 3600) + ' h';
  if (s % 60 === 0 && s >= 60) return (s / 60) + ' min';
  return s + ' s';
}

async function initSettings() {
  const root = document.getElementById('settings-root');
  const form = document.getElementById('settings-form');
  const status = document.getElementById('save-status');
  let settings = [];
  const owners = {};  // group titles, from the server

  function input(s) {
    const attrs = { id: fieldId(s.key), name: s.key, 'aria-describedby': errorId(s.key) };
    if (s.type === 'bool') return el('input', Object.assign(attrs, { type: 'checkbox', checked: s.value === true }));
    if (s.type === 'int') {
      return el('input', Object.assign(attrs, { type: 'number', inputmode: 'numeric', step: '1', min: s.min, max: s.max, value: String(s.value) }));
    }
    if (s.type === 'secret') {
      return el('input', Object.assign(attrs, { type: 'password', autocomplete: 'new-password', maxlength: s.max_length,
        placeholder: s.is_set ? 'set (type to replace)' : 'not set' }));
    }
    if (s.suggestions) {
      // A searchable list (the system's time zones): typing filters it; any value may be saved.
      attrs.list = fieldId(s.key) + '-choices';
      attrs.autocomplete = 'off';
    }
    return el('input', Object.assign(attrs, { type: 'text', maxlength: s.max_length, value: s.value }));
  }

  function choices(s) {
    if (!s.suggestions) return null;
    const list = el('datalist', { id: fieldId(s.key) + '-choices' });
    for (const value of s.suggestions) list.append(el('option', { value }));
    return list;
  }

  function loaded(body) {
    settings = body.settings;
    for (const g of body.groups || []) owners[g.owner] = g.title;
  }

  function render() {
    root.textContent = '';
    const groups = new Map();
    for (const s of settings) {
      if (!groups.has(s.owner)) groups.set(s.owner, []);
      groups.get(s.owner).push(s);
    }
    for (const [owner, list] of groups) {
      const fs = el('fieldset', { id: owner }, el('legend', { text: owners[owner] || owner }));
      for (const s of list) {
        let hint = s.description || '';
        if (s.type === 'int') hint += ` (${s.min}–${s.max})`;
        if (s.origin === 'environment') hint += ` Set by ${s.env_var} until saved here.`;
        fs.append(el('div', { class: 'field', 'data-key': s.key },
          el('label', { for: fieldId(s.key), text: s.title || s.key }), input(s), choices(s),
          el('p', { class: 'hint', text: hint }),
          el('p', { class: 'field-error', id: errorId(s.key), hidden: true })));
      }
      root.append(fs);
    }
  }

  function clearErrors() {
    for (const e of root.querySelectorAll('.field-error')) { e.textContent = ''; e.hidden = true; }
    for (const f of root.querySelectorAll('.field.invalid')) f.classList.remove('invalid');
  }

  function changes() {
    const out = {};
    for (const s of settings) {
      const node = document.getElementById(fieldId(s.key));
      if (!node) continue;
      if (s.type === 'bool') { if (node.checked !== s.value) out[s.key] = node.checked; continue; }
      if (s.type === 'secret') { if (node.value !== '') out[s.key] = node.value; continue; }
      if (s.type === 'int') {
        const text = node.value.trim();
        // Anything but a plain integer goes as typed, so the server names the problem.
        const value = /^-?\d+$/.test(text) ? Number(text) : text;
        if (value !== s.value) out[s.key] = value;
        continue;
      }
      if (node.value !== s.value) out[s.key] = node.value;
    }
    return out;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const body = changes();
    if (Object.keys(body).length === 0) { status.textContent = 'Nothing changed.'; return; }
    status.textContent = 'Saving…';
    const r = await getJson('/api/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (r.ok) {
      loaded(r.body);
      render();
      status.textContent = 'Saved.';
      return;
    }
    const error = (r.body && r.body.error) || { message: 'The server answered ' + r.status };
    status.textContent = error.message;
    for (const [key, message] of Object.entries(error.fields || {})) {
      const node = document.getElementById(errorId(key));
      if (!node) continue;
      node.textContent = message;
      node.hidden = false;
      node.closest('.field').classList.add('invalid');
    }
  });

  const r = await getJson('/api/settings');
  if (r.ok) loaded(r.body);
  render();
  if (location.hash) { const target = document.getElementById(location.hash.slice(1)); if (target) target.scrollIntoView(); }
  const images = await getJson('/api/settings/spotify-sync');
  if (images.ok && images.body.image_stats) {
    const s = images.body.image_stats;
    const table = el('table', {}, el('tbody', {},
      ...['artists', 'albums', 'playlists'].map(k => el('tr', {}, el('th', { text: k }),
        el('td', { text: `${s[k + '_count']} images, ${formatBytes(s[k + '_bytes'])}` }))),
      el('tr', {}, el('th', { text: 'total' }), el('td', { text: formatBytes(s.total_bytes) }))));
    document.getElementById('image-stats').append(table);
    document.getElementById('image-usage').hidden = false;
  }
}

async function initWorkers() {
  const body = document.querySelector('#workers tbody');
  const status = document.getElementById('run-status');
  const updated = document.getElementById('workers-updated');
  async function refresh() {
    const r = await getJson('/api/workers');
    if (!r.ok) return;
    body.textContent = '';
    if (r.body.workers.length === 0) body.append(el('tr', {}, el('td', { colspan: 9, class: 'empty', text: 'No jobs: no plugin declares any yet.' })));
    for (const w of r.body.workers) {
      const last = w.last_run ? `${w.last_run.status}, ${w.last_run.ended_at ? formatTime(w.last_run.ended_at) : 'running'}` : 'never';
      const stateClass = w.state === 'held' ? 'warn' : (w.state === 'running' || w.state === 'idle') ? 'ok' : '';
      const button = el('button', { type: 'button', class: 'run-now', 'data-job': w.job, text: 'Run now', disabled: w.state === 'running' });
      body.append(el('tr', { id: 'worker-' + w.job.replace(/[^a-z0-9_]/gi, '-'), 'data-job': w.job },
        el('td', {}, el('div', { text: w.title }), el('div', { class: 'muted', text: w.job })),
        el('td', { class: 'state' }, el('span', { class: 'badge ' + stateClass, text: w.state }), w.held ? el('div', { class: 'muted', text: w.held }) : null),
        el('td', { class: 'breaker', text: w.breaker }),
        el('td', { class: 'pause', text: w.paused_until ? `until ${formatTime(w.paused_until)}` : '—', title: w.pause_reason || '' }),
        el('td', { class: 'cooldown', 'data-seconds': w.cooldown_seconds, text: formatSeconds(w.cooldown_seconds) }),
        el('td', { class: 'last-run', text: last }),
        el('td', { class: 'next-due', text: formatTime(w.next_due) }),
        el('td', { class: 'last-error', text: w.last_error || '—' }),
        el('td', {}, button)));
    }
    updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
  }
  body.addEventListener('click', async (event) => {
    const button = event.target.closest('button.run-now');
    if (!button) return;
    button.disabled = true;
    const r = await getJson(`/api/workers/${encodeURIComponent(button.dataset.job)}/run`, { method: 'POST' });
    status.textContent = r.ok ? `${button.dataset.job} started.` : ((r.body && r.body.error && r.body.error.message) || 'Could not start it.');
    refresh();
  });
  await refresh();
  setInterval(refresh, 2000);
}

function initPlaylists() {
  const button = document.getElementById('push-now');
  const status = document.getElementById('push-status');
  if (!button) return;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const r = await getJson('/api/playlists/push', { method: 'POST' });
    if (!r.ok) {
      status.textContent = (r.body && r.body.error && r.body.error.message) || 'Could not push.';
      button.disabled = false;
      return;
    }
    status.textContent = 'Pushing…';
    for (let i = 0; i < 120; i++) {
      await new Promise(done => setTimeout(done, 500));
      const w = await getJson('/api/workers');
      const job = w.ok && w.body.workers.find(x => x.job === 'playlists.push');
      if (job && job.state !== 'running') { location.reload(); return; }
    }
    button.disabled = false;
  });
}

function describeImport(i) {
  const done = i.total > 0 ? ' of ' + i.total.toLocaleString() : '';
  let text = i.state + ': ' + i.processed.toLocaleString() + done + ' entries read, ' +
    i.added.toLocaleString() + ' new plays';
  if (i.skipped && i.skipped.total > 0) {
    const reasons = Object.entries(i.skipped.reasons).map(([r, n]) => r + ': ' + n).join(', ');
    text += ', ' + i.skipped.total.toLocaleString() + ' skipped (' + reasons + ')';
  }
  if (i.error) text += ' — ' + i.error;
  return text;
}

function initOverview() {
  const form = document.getElementById('import-form');
  const file = document.getElementById('import-file');
  const status = document.getElementById('import-status');
  if (!form) return;
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!file.files.length) return;
    const body = new FormData();
    body.append('file', file.files[0]);
    form.querySelector('button').disabled = true;
    status.textContent = 'Uploading…';
    const r = await getJson('/api/imports', { method: 'POST', body });
    if (!r.ok) {
      status.textContent = (r.body && r.body.error && r.body.error.message) || 'The upload failed.';
      form.querySelector('button').disabled = false;
      return;
    }
    const id = r.body.import.id;
    for (;;) {
      const p = await getJson('/api/imports/' + id);
      if (p.ok) status.textContent = describeImport(p.body.import);
      if (!p.ok || p.body.import.state === 'done' || p.body.import.state === 'failed') break;
      await new Promise(done => setTimeout(done, 1000));
    }
    form.querySelector('button').disabled = false;
  });
}

function initStats() {
  const range = document.getElementById('range');
  const from = document.getElementById('from');
  const to = document.getElementById('to');
  if (!range) return;
  range.addEventListener('change', () => {
    if (range.value !== 'custom') { from.value = ''; to.value = ''; range.form.submit(); }
  });
  for (const d of [from, to]) d.addEventListener('change', () => { range.value = 'custom'; });
}

const setups = {
  overview: initOverview, settings: initSettings, workers: initWorkers, playlists: initPlaylists, stats: initStats,
};
function start() { const setup = setups[document.body.dataset.page]; if (setup) setup(); }
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
