// The owner console's operations panels: dead letters per topic and the A/B cohorts' answers and
// clicks. It shares console.js's token (sessionStorage, this tab only) and its page, and leaves the
// token's story to console.js: a refused token clears every .panel there and shows one message,
// so this file only stays quiet until a token is accepted again. Text only, never HTML.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const TOKEN_KEY = 'nightshift.adminToken';
  const POLL_MS = 10000;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  const token = () => sessionStorage.getItem(TOKEN_KEY) || '';
  const refused = () => !$('authError').hidden;

  // Problems other than the token (Kafka or Redis away) are shown in the panel itself, replacing
  // the previous one, so a long outage is one line, not a message per poll.
  async function read(path) {
    const response = await fetch(`/api/v1/admin/${path}`, { headers: { 'Authorization': `Bearer ${token()}` } });
    const text = await response.text();
    let body; try { body = JSON.parse(text); } catch { body = text; }
    return { ok: response.ok, status: response.status, body };
  }

  const percent = ratio => ratio === null || ratio === undefined ? '–' : `${(Number(ratio) * 100).toFixed(1)} %`;

  function showCohorts(board) {
    $('cohortsNote').textContent = `answers and clicks over the last ${board.days} UTC days (today in brackets); `
      + `active version ${board.active ?? 'none'}`;
    $('cohorts').replaceChildren(...board.cohorts.map(c => {
      const row = el('tr');
      row.dataset.cohort = c.cohort;
      const answers = el('td', `${c.week.served} (${c.today.served})`); answers.dataset.field = 'answers';
      const clicks = el('td', `${c.week.clicked} (${c.today.clicked})`); clicks.dataset.field = 'clicks';
      const ctr = el('td', `${percent(c.week.ctr)} (${percent(c.today.ctr)})`); ctr.dataset.field = 'ctr';
      row.append(el('td', c.cohort), el('td', `${c.weight} · ${percent(c.share)}`),
                 el('td', c.pin ? `pinned ${c.pin}` : `active ${c.serves ?? 'none'}`, c.pin ? '' : 'muted'),
                 answers, clicks, ctr);
      return row;
    }));
  }

  // The whole record, byte for byte, to fix and send again; a plain link could not carry the token.
  async function download(topic, l) {
    const response = await fetch(`/api/v1/admin/dead-letters/${encodeURIComponent(topic)}/${l.partition}/${l.offset}`,
                                  { headers: { 'Authorization': `Bearer ${token()}` } });
    if (!response.ok) { $('deadLettersNote').textContent = `download: HTTP ${response.status}`; return; }
    const link = el('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `${topic}-${l.partition}-${l.offset}.bin`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function letter(topic, l) {
    const item = el('li');
    item.dataset.offset = `${l.partition}:${l.offset}`;
    const when = new Date(l.time).toLocaleString();
    const where = l.sourceTopic ? `from ${l.sourceTopic} p${l.sourcePartition ?? '?'}@${l.sourceOffset ?? '?'}` : 'source unknown';
    const errorClass = (l.errorClass || '').split('.').pop();
    item.append(el('span', `${when} · key ${l.key ?? '(none)'} · ${where}`, 'muted'), el('br'),
                el('span', l.reason ?? '(no reason recorded)', 'reason'), errorClass ? el('span', ` [${errorClass}]`, 'muted') : '',
                el('br'), el('code', l.preview ?? '', 'preview'));
    const button = el('button', 'download', 'download');
    button.type = 'button';
    button.addEventListener('click', () => download(topic, l));
    item.append(button);
    return item;
  }

  function showDeadLetters(topics) {
    const full = topics.filter(t => t.records > 0);
    const empty = topics.filter(t => t.records === 0).map(t => t.topic);
    const blocks = full.map(t => {
      const block = el('div', null, 'dlq');
      block.dataset.topic = t.topic;
      block.append(el('strong', `${t.topic}: ${t.exact ? '' : 'up to '}${t.records} record${t.records === 1 ? '' : 's'}`));
      const list = el('ul');
      list.replaceChildren(...t.newest.map(l => letter(t.topic, l)));
      block.append(list);
      return block;
    });
    if (empty.length) blocks.push(el('div', `empty: ${empty.join(', ')}`, 'muted'));
    if (!full.length) blocks.unshift(el('div', 'No dead letters: every record was processed.'));
    $('deadLetters').replaceChildren(...blocks);
  }

  async function refresh() {
    if (!token() || refused()) return;
    try {
      const [cohorts, letters] = await Promise.all([read('cohorts'), read('dead-letters')]);
      if (refused()) return;
      if (cohorts.ok) showCohorts(cohorts.body);
      else if (cohorts.status !== 401 && cohorts.status !== 403) $('cohortsNote').textContent = `cohorts: HTTP ${cohorts.status} ${cohorts.body.detail ?? ''}`;
      if (letters.ok) showDeadLetters(letters.body);
      else if (letters.status !== 401 && letters.status !== 403) {
        $('deadLetters').replaceChildren(el('div', `dead letters: HTTP ${letters.status} ${letters.body.detail ?? ''}`, 'error'));
      }
      document.body.dataset.opsRefreshed = String(Date.now());
    } catch (e) {
      $('cohortsNote').textContent = `could not reach the API: ${e.message}`;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    // After console.js has stored the token from the same form.
    $('signin').addEventListener('submit', () => setTimeout(refresh, 0));
    $('refreshOps').addEventListener('click', refresh);
    setTimeout(refresh, 300);
    setInterval(refresh, POLL_MS);
  });
})();
