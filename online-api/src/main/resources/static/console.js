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

// The laptop card: a light, when it was last heard of, power, heat, device, the job with its
// progress, step and ETA, and the fresh requests waiting for it. Offline, it shows what the last
// heartbeat said, so the owner knows which job the vanished laptop was in.
function ago(seconds) {
  if (seconds === null || seconds === undefined) return 'never';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
}

function light(cls, text) {
  const badge = el('span', null, `badge ${cls}`);
  badge.append(el('span', null, `light ${cls}`), document.createTextNode(text));
  return badge;
}

function fact(name, value) {
  const row = el('div', null, 'fact');
  row.append(el('span', name, 'muted'), el('span', value ?? 'unknown'));
  return row;
}

function deviceText(device) {
  if (!device) return 'unknown';
  if (device.startsWith('gpu')) return `GPU (${device})`;
  if (device.startsWith('cpu')) return 'CPU';
  return device;
}

function powerText(power) {
  return { ac: 'plugged in', battery: 'on battery' }[power] ?? 'unknown';
}

function deferredBecause(laptop) {
  const detail = (laptop.runningStep && laptop.runningStep.detail) || '';
  const reason = /batter|charg|power/i.test(detail) ? 'battery' : /heat|hot|temperat|cool/i.test(detail) ? 'heat'
    : laptop.power === 'battery' ? 'battery' : null;
  return { reason, detail };
}

function jobBlock(laptop, live) {
  const block = el('div', null, 'job');
  if (!laptop.runningJob) {
    block.append(el('div', live ? 'No job running.' : 'No job was running.', 'muted'));
    return block;
  }
  const progress = Math.max(0, Math.min(1, Number(laptop.progress ?? 0)));
  block.append(el('div', `${live ? 'Job' : 'Last known job'} ${laptop.runningJob}`, 'jobName'));
  const bar = el('div', null, 'bar');
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuenow', String(Math.round(progress * 100)));
  const fill = el('div', null, 'fill');
  fill.style.width = `${(progress * 100).toFixed(1)}%`;
  bar.append(fill, el('span', `${Math.round(progress * 100)} %`, 'barText'));
  block.append(bar);
  const step = laptop.runningStep;
  const parts = [];
  if (step && step.step) parts.push(step.total ? `step ${step.step} ${step.done} / ${step.total}` : `step ${step.step}`);
  if (live) parts.push(`ETA ${laptop.etaSeconds === null || laptop.etaSeconds === undefined ? 'unknown' : duration(laptop.etaSeconds)}`);
  block.append(el('div', parts.join(' · '), 'muted stepLine'));
  return block;
}

function showLaptop(laptop) {
  const card = $('laptop');
  if (!laptop.lastSeen) {
    card.replaceChildren(light('offline', 'offline'),
      el('p', 'No heartbeat heard: the laptop has not connected (the API remembers a day of heartbeats).', 'muted'));
    return;
  }
  const live = laptop.status !== 'offline';
  const deferred = live && laptop.state === 'deferred' ? deferredBecause(laptop) : null;
  // A late laptop's light says late: its deferral may be over by now.
  const statusLight = deferred && laptop.status === 'online' ? light('deferred', `deferred${deferred.reason ? ` for ${deferred.reason}` : ''}`) : light(laptop.status, laptop.status);
  const head = el('div', null, 'cardHead');
  const seen = new Date(laptop.lastSeen).toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
  head.append(statusLight, el('strong', laptop.laptopId),
    el('span', live ? `last heartbeat ${ago(laptop.secondsSinceLastSeen)}` : `offline since ${seen} (${ago(laptop.secondsSinceLastSeen)})`, 'muted'));
  const children = [head];
  if (deferred && deferred.detail) children.push(el('div', `Waiting: ${deferred.detail}`, 'notice'));
  if (!live) children.push(el('div', 'Not heard from: runs and fresh requests wait in Kafka until it is back. The values below are from its last heartbeat.', 'notice'));
  const facts = el('div', null, 'facts');
  facts.append(fact('Power', powerText(laptop.power)),
    fact('Temperature', laptop.temperatureC === null || laptop.temperatureC === undefined ? 'no sensor' : `${Number(laptop.temperatureC).toFixed(1)} °C`),
    fact('Device', deviceText(laptop.device)),
    fact('Fresh requests waiting', laptop.freshLag ?? 'unknown'));
  children.push(facts, jobBlock(laptop, live));
  card.replaceChildren(...children);
}

// The cloud health card: one row per part with a light, in words rather than JSON.
const HEALTH_NAMES = { featureStore: 'Redis', spool: 'Kafka writes', diskSpace: 'Disk', ping: 'Web server',
  livenessState: 'Liveness', readinessState: 'Readiness', ssl: 'Certificates' };

function gigabytes(bytes) {
  return `${(Number(bytes) / 1e9).toFixed(1)} GB`;
}

function healthSummary(name, component) {
  const d = component.details || {};
  switch (name) {
    case 'featureStore': return `${d.redis ?? 'unknown'}${d.address ? ` (${d.address})` : ''}`;
    case 'spool':
      if (d.enabled === false) return 'spool disabled: writes fail while Kafka is away';
      return Number(d.records ?? 0) === 0 ? 'nothing waiting: events go straight to Kafka'
        : `${d.records} record(s) waiting in the local spool for Kafka (${Math.round(100 * Number(d.bytes) / Number(d.maxBytes || 1))} % full)`;
    case 'diskSpace': return d.free !== undefined ? `${gigabytes(d.free)} free of ${gigabytes(d.total)}` : '';
    default: return component.status === 'UP' ? 'ok' : String(component.status ?? '').toLowerCase();
  }
}

function healthLight(name, component) {
  if (component.status !== 'UP') return component.status === 'UNKNOWN' ? 'late' : 'offline';
  const d = component.details || {};
  if (name === 'featureStore' && String(d.redis ?? '').startsWith('unreachable')) return 'offline';
  if (name === 'spool' && Number(d.records ?? 0) > 0) return 'late';
  return 'online';
}

async function refreshHealth() {
  const health = await fetch('/actuator/health', { headers: { 'Authorization': `Bearer ${token()}` } });
  const body = await health.json().catch(() => ({}));
  const components = body.components;
  if (!components) {
    const row = el('tr');
    row.append(el('td', `no details (${body.status ?? 'no answer'})`, 'muted'));
    $('health').replaceChildren(row);
    return;
  }
  const rows = Object.entries(components).sort(([a], [b]) => (a in HEALTH_NAMES ? 0 : 1) - (b in HEALTH_NAMES ? 0 : 1))
    .map(([name, component]) => {
      const row = el('tr');
      row.dataset.component = name;
      const cls = healthLight(name, component);
      row.append(el('td', null), el('td', HEALTH_NAMES[name] ?? name), el('td', healthSummary(name, component), 'muted'));
      row.firstChild.append(el('span', null, `light ${cls}`));
      return row;
    });
  $('health').replaceChildren(...rows);
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
  $('scheduleNow').textContent = `Schedule: ${describeCron(schedule.cron)} ('${schedule.cron}') in ${schedule.timeZone}; `
    + `next run ${next} (${schedule.timeZone})`;
  if (document.activeElement !== $('cron') && document.activeElement !== $('zone') && !$('schedule').dataset.edited) {
    $('cron').value = schedule.cron;
    $('zone').value = schedule.timeZone;
    previewCron();
  }
}

function previewCron() {
  $('cronPreview').textContent = $('cron').value.trim() ? `= ${describeCron($('cron').value)}` : '';
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
  const lineages = Object.fromEntries((v.lineages || []).map(l => [l.modelVersion, l.lineage]));
  showQuality(v, lineages);
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
    const lineage = lineages[name];
    row.append(el('td', name), el('td', role), el('td', lineageText(lineage)), el('td', metricsText(lineage && lineage.metrics)),
               el('td', lineage ? `${lineage.dataRange ?? ''}${lineage.codeVersion ? ` · code ${lineage.codeVersion}` : ''}` : '', 'muted'), cell);
    return row;
  }));
  const chosen = $('pinVersion').value;
  $('pinVersion').replaceChildren(...knownVersions(v).map(name => { const option = el('option', name); option.value = name; return option; }));
  if (chosen) $('pinVersion').value = chosen;
  const pins = Object.entries(v.cohortPins || {});
  $('pins').replaceChildren(...(pins.length ? pins.map(([cohort, version]) => el('li', `cohort ${cohort} → ${version}`))
                                             : [el('li', 'no cohort pinned: every cohort gets the active version', 'muted')]));
}

// Answers per tier and p95 latency, per minute, from this instance's memory: it starts empty at
// every start of the API. The chart spans at least half an hour so a few minutes do not look like hours.
const TIERS = [
  { key: 'batch', label: 'batch', color: '#2b6cb0' }, { key: 'fresh', label: 'fresh', color: '#2f9e5b' },
  { key: 'trending', label: 'trending', color: '#d69e2e' }, { key: 'popular', label: 'popular', color: '#8a5cd0' },
  { key: 'last-known-good', label: 'last-known-good', color: '#d64545' }, { key: 'latest', label: 'latest', color: '#5f6b7a' }];

function showServing(history) {
  const now = Date.now();
  const bucketMs = history.bucketSeconds * 1000;
  const since = Date.parse(history.since);
  const from = Math.max(Date.parse(history.windowStart), Math.min(since, now - 30 * 60 * 1000));
  const buckets = history.buckets.map(b => ({ at: Date.parse(b.start), values: b.tiers, p95: b.p95Millis }));
  const sinceText = new Date(since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  $('servingSince').textContent = `This API instance since ${sinceText}, per minute (it starts empty after a restart; Prometheus keeps the long view).`;
  if (!buckets.length) {
    $('answersChart').replaceChildren(el('p', `No answers since ${sinceText}.`, 'muted'));
    $('latencyChart').replaceChildren();
    return;
  }
  const totals = Object.fromEntries(TIERS.map(t => [t.key, buckets.reduce((sum, b) => sum + (b.values[t.key] || 0), 0)]));
  $('answersChart').replaceChildren(el('div', 'Answers per minute, by tier', 'chartTitle'),
    stackedBarChart({ label: 'answers per minute by tier', width: chartWidth($('answersChart')), buckets, bucketMs, from, to: now, series: TIERS }), legend(TIERS, totals));
  const worst = Math.max(...buckets.map(b => b.p95));
  $('latencyChart').replaceChildren(el('div', `p95 latency per minute (worst ${worst.toFixed(1)} ms)`, 'chartTitle'),
    lineChart({ label: 'p95 latency per minute in milliseconds', width: chartWidth($('latencyChart')), points: buckets.map(b => ({ at: b.at + bucketMs / 2, values: { p95: b.p95 } })),
      series: [{ key: 'p95', label: 'p95', color: '#1d2533' }], from, to: now, yFormat: v => `${Number(v.toFixed(1))} ms` }));
}

// Offline quality over versions, oldest first: the held-out scores each version's lineage carries
// (fractions between 0 and 1; counts such as test.users stay in the table).
const QUALITY_COLORS = ['#2b6cb0', '#2f9e5b', '#d69e2e', '#8a5cd0'];

function showQuality(v, lineages) {
  const order = [];
  [...(v.history || [])].reverse().forEach(h => { if (!order.includes(h.modelVersion)) order.push(h.modelVersion); });
  knownVersions(v).forEach(name => { if (!order.includes(name)) order.push(name); });
  const points = order.filter(name => lineages[name] && Object.keys(lineages[name].metrics || {}).length)
    .map(name => ({ label: name.length > 18 ? `…${name.slice(-17)}` : name, values: lineages[name].metrics }));
  const names = [...new Set(points.flatMap(p => Object.keys(p.values)))]
    .filter(name => !name.startsWith('active.') && points.every(p => p.values[name] === undefined || (p.values[name] >= 0 && p.values[name] <= 1)))
    .sort((a, b) => (a.startsWith('test.') ? 0 : 1) - (b.startsWith('test.') ? 0 : 1) || a.localeCompare(b)).slice(0, 4);
  if (!points.length || !names.length) {
    $('qualityChart').replaceChildren(el('p', 'No offline metrics yet: a nightly run records them with the version it publishes.', 'muted'));
    return;
  }
  const series = names.map((name, i) => ({ key: name, label: name, color: QUALITY_COLORS[i] }));
  $('qualityChart').replaceChildren(el('div', 'Offline quality by version, oldest first', 'chartTitle'),
    lineChart({ label: 'offline quality by version', width: chartWidth($('qualityChart')), points, series, zoom: true,
      yFormat: v => Number(v.toFixed(4)) }), legend(series));
}

function lineageText(lineage) {
  if (!lineage) return '';
  const parameters = Object.entries(lineage.parameters || {}).map(([k, value]) => `${k}=${value}`).join(', ');
  return `${lineage.modelFamily ?? '?'}${parameters ? ` (${parameters})` : ''}`;
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
    if (laptop.ok) showLaptop(laptop.body);
    await refreshHealth();
    const history = await admin('serving/history');
    if (history.ok) showServing(history.body);
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
  ['cron', 'zone'].forEach(id => $(id).addEventListener('input', () => { $('schedule').dataset.edited = 'true'; previewCron(); }));
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
