// The owner console. The admin token is typed by the owner and kept in sessionStorage (this tab
// only, gone when it closes); only the demo (nightshift.admin.console-prefill) hands it to the page.
// Whatever the API returns is written as text, never as HTML.
'use strict';

const $ = id => document.getElementById(id);
const TOKEN_KEY = 'nightshift.adminToken';
const POLL_MS = 3000;
let poller = null;
let versionsSeen = null;

const log = text => { $('messages').textContent = `${new Date().toLocaleTimeString()} ${text}\n` + $('messages').textContent; };

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

function showSignedIn() {
  $('signedIn').textContent = token() ? 'token set for this tab' : 'enter the admin token to see and change anything';
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function status(target, cls, text, rest) {
  target.replaceChildren(el('span', text, cls), document.createTextNode(rest));
}

class Unauthorized extends Error {}

// A 401 or 403 means the token is wrong: the panels are cleared, polling stops and one message
// says so, until the owner enters a token again (a message every poll would bury everything else).
function signedOut(message) {
  if (poller) { clearInterval(poller); poller = null; }
  document.querySelectorAll('.panel').forEach(panel => panel.replaceChildren());
  versionsSeen = null;
  $('authError').textContent = message;
  $('authError').hidden = false;
}

async function call(url, options = {}) {
  const response = await fetch(url, { ...options,
    headers: { 'Authorization': `Bearer ${token()}`, 'Content-Type': 'application/json', ...(options.headers || {}) } });
  const text = await response.text();
  let body; try { body = JSON.parse(text); } catch { body = text; }
  if (response.status === 401 || (response.status === 403 && !options.method)) {
    signedOut(`The admin token was refused (HTTP ${response.status}): ${body.detail ?? text}. Enter the right token above.`);
    throw new Unauthorized();
  }
  if (!response.ok) log(`${options.method || 'GET'} ${url}: HTTP ${response.status} ${body.detail ?? text}`);
  return { ok: response.ok, status: response.status, body };
}

const admin = (path, options) => call(`/api/v1/admin/${path}`, options);

async function refreshHealth() {
  const health = await fetch('/actuator/health', { headers: { 'Authorization': `Bearer ${token()}` } });
  const body = await health.json().catch(() => ({}));
  const components = body.components;
  if (!components) {
    $('health').textContent = 'no details';
    return;
  }
  const store = components.featureStore || {};
  const spool = components.spool || {};
  const redis = (store.details || {}).redis ?? 'unknown';
  const records = (spool.details || {}).records ?? 0;
  status($('health'), String(body.status).toLowerCase(), body.status, ` · Redis ${redis} · spool ${records} record(s) waiting for Kafka`);
  $('healthRaw').textContent = JSON.stringify(body, null, 2);
}

function metricsText(metrics) {
  return Object.entries(metrics || {}).map(([name, value]) => `${name} ${Number(value).toFixed(4)}`).join(', ');
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function showRuns(runs) {
  $('runs').replaceChildren(...runs.map(run => {
    const row = el('tr');
    row.append(el('td', run.runId), el('td', run.outcome ?? run.status, run.outcome ?? run.status), el('td', duration(run.durationSeconds)),
               el('td', run.modelVersion ?? ''), el('td', metricsText(run.metrics)), el('td', run.detail ?? '', 'muted'));
    return row;
  }));
}

function showSchedule(schedule) {
  if (!schedule.cron) {
    $('scheduleNow').textContent = 'No schedule set: the laptop runs only when asked.';
    return;
  }
  const next = schedule.nextRun
    ? new Date(schedule.nextRun).toLocaleString([], { timeZone: schedule.timeZone, dateStyle: 'medium', timeStyle: 'short' })
    : 'unknown';
  $('scheduleNow').textContent = `Schedule: '${schedule.cron}' in ${schedule.timeZone}; next run ${next} (${schedule.timeZone})`;
  if (document.activeElement !== $('cron') && document.activeElement !== $('zone') && !$('schedule').dataset.edited) {
    $('cron').value = schedule.cron;
    $('zone').value = schedule.timeZone;
  }
}

function knownVersions(v) {
  const names = [];
  [v.active, v.previous, ...Object.values(v.cohortPins || {}), ...(v.history || []).map(h => h.modelVersion)]
    .forEach(name => { if (name && !names.includes(name)) names.push(name); });
  return names;
}

function showVersions(v) {
  versionsSeen = v;
  $('activeVersion').textContent = `active ${v.active ?? 'none'} · previous ${v.previous ?? 'none'}`;
  const metrics = Object.fromEntries((v.lineages || []).map(l => [l.modelVersion, l.lineage.metrics]));
  $('versions').replaceChildren(...knownVersions(v).map(name => {
    const row = el('tr');
    row.dataset.version = name;
    const role = name === v.active ? 'active' : name === v.previous ? 'previous' : '';
    const cell = el('td');
    if (name !== v.active) {
      const button = el('button', 'activate', 'activate');
      button.addEventListener('click', () => activate(name));
      cell.append(button);
    }
    row.append(el('td', name), el('td', role), el('td', metricsText(metrics[name])), cell);
    return row;
  }));
  const chosen = $('pinVersion').value;
  $('pinVersion').replaceChildren(...knownVersions(v).map(name => { const option = el('option', name); option.value = name; return option; }));
  if (chosen) $('pinVersion').value = chosen;
  const pins = Object.entries(v.cohortPins || {});
  $('pins').replaceChildren(...(pins.length ? pins.map(([cohort, version]) => el('li', `cohort ${cohort} → ${version}`))
                                             : [el('li', 'no cohort pinned: every cohort gets the active version', 'muted')]));
}

function showSwitches(tiers) {
  $('switches').replaceChildren(...tiers.map(({ tier, disabled }) => {
    const row = el('tr');
    row.dataset.tier = tier;
    const button = el('button', disabled ? 'enable' : 'disable');
    button.id = `switch-${tier}`;
    button.addEventListener('click', () => flip(tier, !disabled));
    const action = el('td');
    action.append(button);
    row.append(el('td', tier), el('td', disabled ? 'off' : 'on', disabled ? 'down' : 'up'), action);
    return row;
  }));
}

async function refresh() {
  if (!token()) { showSignedIn(); return; }
  try {
    const laptop = await admin('laptop');
    if (laptop.ok) {
      const s = String(laptop.body.status ?? 'unknown');
      status($('laptop'), s, s, ` · last seen ${laptop.body.lastSeen ?? 'never'}`);
      $('laptopRaw').textContent = JSON.stringify(laptop.body, null, 2);
    }
    await refreshHealth();
    const runs = await admin('runs');
    if (runs.ok) showRuns(runs.body);
    const schedule = await admin('schedule');
    if (schedule.ok) showSchedule(schedule.body);
    const versions = await admin('versions');
    if (versions.ok) showVersions(versions.body);
    const switches = await admin('kill-switches');
    if (switches.ok) showSwitches(switches.body);
    document.body.dataset.refreshed = String(Date.now());
  } catch (e) {
    if (!(e instanceof Unauthorized)) log(`refresh failed: ${e.message}`);
  }
}

async function act(path, options, done) {
  try {
    const r = await admin(path, options);
    if (r.ok) log(done(r.body));
  } catch (e) {
    if (!(e instanceof Unauthorized)) log(`${path} failed: ${e.message}`);
  }
  refresh();
}

function activate(version) {
  const active = versionsSeen && versionsSeen.active;
  if (!confirm(`Activate ${version}, replacing ${active ?? 'no active version'}? Shoppers see it at once.`)) return;
  act(`versions/${encodeURIComponent(version)}/activate`, { method: 'POST', body: '{}' }, b => `activated ${b.active} (previous ${b.previous})`);
}

function rollback() {
  const v = versionsSeen;
  if (!v || !v.previous) { log('nothing to roll back to: there is no previous version'); return; }
  if (!confirm(`Roll back from ${v.active} to ${v.previous}? Shoppers see it at once.`)) return;
  act('versions/rollback', { method: 'POST', body: '{}' }, b => `rolled back: ${b.active} is active, ${b.previous} is previous`);
}

function flip(tier, disabled) {
  act(`kill-switches/${encodeURIComponent(tier)}`, { method: 'PUT', body: JSON.stringify({ disabled }) },
      () => `${tier} ${disabled ? 'switched off' : 'switched on'}`);
}

function useToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
  $('token').value = '';
  $('authError').hidden = true;
  showSignedIn();
  if (!value) { signedOut('No admin token: enter it above to see and change anything.'); return; }
  refresh();
  if (!poller) poller = setInterval(refresh, POLL_MS);
}

document.addEventListener('DOMContentLoaded', async () => {
  $('signin').addEventListener('submit', event => { event.preventDefault(); useToken($('token').value.trim()); });
  $('signout').addEventListener('click', () => useToken(''));
  $('runNow').addEventListener('click', () => act('runs', { method: 'POST', body: '{}' }, b => `run ${b.runId} requested`));
  $('rollback').addEventListener('click', rollback);
  ['cron', 'zone'].forEach(id => $(id).addEventListener('input', () => { $('schedule').dataset.edited = 'true'; }));
  $('schedule').addEventListener('submit', event => {
    event.preventDefault();
    delete $('schedule').dataset.edited;
    act('schedule', { method: 'PUT', body: JSON.stringify({ cron: $('cron').value, timeZone: $('zone').value }) },
        b => `schedule saved: '${b.cron}' in ${b.timeZone}`);
  });
  $('pin').addEventListener('submit', event => {
    event.preventDefault();
    const cohort = $('pinCohort').value.trim();
    act(`cohorts/${encodeURIComponent(cohort)}/pin`, { method: 'PUT', body: JSON.stringify({ modelVersion: $('pinVersion').value }) },
        b => `cohort ${b.cohort} pinned to ${b.modelVersion}`);
  });
  $('unpin').addEventListener('click', () => {
    const cohort = $('pinCohort').value.trim();
    act(`cohorts/${encodeURIComponent(cohort)}/pin`, { method: 'DELETE' }, b => `cohort ${b.cohort} unpinned`);
  });
  if (!token()) {
    const settings = await (await fetch('/console/settings')).json().catch(() => ({}));
    if (settings.adminToken) sessionStorage.setItem(TOKEN_KEY, settings.adminToken);
  }
  useToken(token());
});
