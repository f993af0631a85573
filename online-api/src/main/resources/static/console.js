// The owner console. The admin token is typed by the owner and kept in sessionStorage (this tab
// only, gone when it closes); only the demo (nightshift.admin.console-prefill) hands it to the page.
// Whatever the API returns is written as text, never as HTML.
'use strict';

const $ = id => document.getElementById(id);
const TOKEN_KEY = 'nightshift.adminToken';
const log = text => { $('messages').textContent = `${new Date().toLocaleTimeString()} ${text}\n` + $('messages').textContent; };

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

function showSignedIn() {
  $('signedIn').textContent = token() ? 'token set for this tab' : 'enter the admin token to see and change anything';
}

function status(target, cls, text, rest) {
  const badge = document.createElement('span');
  badge.className = cls;
  badge.textContent = text;
  target.replaceChildren(badge, document.createTextNode(rest));
}

async function call(url, options = {}) {
  const response = await fetch(url, { ...options,
    headers: { 'Authorization': `Bearer ${token()}`, 'Content-Type': 'application/json', ...(options.headers || {}) } });
  const text = await response.text();
  let body; try { body = JSON.parse(text); } catch { body = text; }
  if (!response.ok) log(`${options.method || 'GET'} ${url}: HTTP ${response.status} ${body.detail ?? text}`);
  return { ok: response.ok, status: response.status, body };
}

const admin = (path, options) => call(`/api/v1/admin/${path}`, options);

async function refreshHealth() {
  const health = await call('/actuator/health');
  const components = health.body && health.body.components;
  if (!components) {
    $('health').textContent = token() ? 'no details: is the token right?' : 'details need the admin token';
    return;
  }
  const store = components.featureStore || {};
  const spool = components.spool || {};
  const redis = (store.details || {}).redis ?? 'unknown';
  const records = (spool.details || {}).records ?? 0;
  status($('health'), String(health.body.status).toLowerCase(), health.body.status,
         ` · Redis ${redis} · spool ${records} record(s) waiting for Kafka`);
  $('healthRaw').textContent = JSON.stringify(health.body, null, 2);
}

async function refresh() {
  if (!token()) { showSignedIn(); return; }
  const laptop = await admin('laptop');
  if (laptop.ok) {
    const s = String(laptop.body.status ?? 'unknown');
    status($('laptop'), s, s, ` · last seen ${laptop.body.lastSeen ?? 'never'}`);
    $('laptopRaw').textContent = JSON.stringify(laptop.body, null, 2);
  }
  await refreshHealth();
  const runs = await admin('runs');
  if (runs.ok) $('runs').textContent = JSON.stringify(runs.body, null, 2);
  const versions = await admin('versions');
  if (versions.ok) $('versions').textContent = JSON.stringify(versions.body, null, 2);
  document.body.dataset.refreshed = String(Date.now());
}

function useToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
  $('token').value = '';
  showSignedIn();
  refresh();
}

document.addEventListener('DOMContentLoaded', async () => {
  $('signin').addEventListener('submit', event => { event.preventDefault(); useToken($('token').value.trim()); });
  $('signout').addEventListener('click', () => useToken(''));
  $('runNow').addEventListener('click', async () => { const r = await admin('runs', { method: 'POST', body: '{}' }); if (r.ok) log('run requested'); refresh(); });
  $('rollback').addEventListener('click', async () => { const r = await admin('versions/rollback', { method: 'POST', body: '{}' }); if (r.ok) log('rolled back'); refresh(); });
  $('activate').addEventListener('click', async () => {
    const r = await admin(`versions/${encodeURIComponent($('version').value)}/activate`, { method: 'POST', body: '{}' });
    if (r.ok) log('activated');
    refresh();
  });
  $('schedule').addEventListener('submit', async event => {
    event.preventDefault();
    const r = await admin('schedule', { method: 'PUT', body: JSON.stringify({ cron: $('cron').value, timeZone: $('zone').value }) });
    if (r.ok) log('schedule saved');
  });
  document.querySelectorAll('.switch').forEach(button => button.addEventListener('click', async () => {
    const disabled = button.dataset.disabled === 'true';
    const r = await admin(`kill-switches/${encodeURIComponent($('tier').value)}`, { method: 'PUT', body: JSON.stringify({ disabled }) });
    if (r.ok) $('switchResult').textContent = `${$('tier').value}: ${disabled ? 'disabled' : 'enabled'}`;
  }));
  if (!token()) {
    const settings = await (await fetch('/console/settings')).json().catch(() => ({}));
    if (settings.adminToken) sessionStorage.setItem(TOKEN_KEY, settings.adminToken);
  }
  showSignedIn();
  refresh();
  setInterval(refresh, 3000);
});
