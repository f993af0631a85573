// The demo storefront. Everything that comes from the API (product names, categories, ids) is
// written as text (textContent, createElement), never as HTML: a product called
// <img src=x onerror=...> must show as those characters, not run for every shopper.
// Clicking a recommendation sends reco_clicked with the answer's requestId, so CTR by tier and
// model version is one SQL query away for the analysts.
'use strict';

const $ = id => document.getElementById(id);
const names = {};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

async function product(id) {
  if (names[id]) return names[id];
  const r = await fetch(`/api/v1/products/${encodeURIComponent(id)}`);
  names[id] = r.ok ? await r.json() : { productId: id, name: id, category: '' };
  return names[id];
}

async function send(type, productId, reco) {
  const event = { eventId: crypto.randomUUID(), schemaVersion: 2, type, userId: $('user').value,
                  productId, occurredAt: new Date().toISOString() };
  if (reco) event.reco = reco;
  await fetch('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                  body: JSON.stringify(event) });
}

function describe(parts) {
  return parts.filter(part => part !== undefined && part !== null && part !== '').join(' · ');
}

async function cards(target, answer) {
  target.replaceChildren();
  for (const item of answer.items || []) {
    const p = await product(item.productId);
    const card = element('div', 'card');
    card.dataset.productId = item.productId;
    card.append(element('div', 'name', p.name ?? item.productId),
                element('div', 'muted', describe([p.category, item.productId, `score ${Number(item.score).toFixed(3)}`])));
    card.addEventListener('click', async () => {
      await send('reco_clicked', item.productId, { requestId: answer.requestId, tier: answer.tier,
                                                   modelVersion: answer.modelVersion, cohort: answer.cohort });
      $('product').value = item.productId;
      show();
    });
    target.appendChild(card);
  }
}

function label(answer) {
  const tier = element('span', answer.stale ? 'tier stale' : 'tier', answer.tier);
  const about = element('span', 'muted', describe([`model ${answer.modelVersion ?? '—'}`, `computed ${answer.computedAt ?? '—'}`,
                                                  answer.stale ? 'stale' : '', `request ${answer.requestId}`]));
  $('label').replaceChildren(tier, about);
}

async function show() {
  const id = $('product').value.trim(), user = $('user').value.trim();
  const p = await product(id);
  $('current').replaceChildren(element('h2', 'name', p.name ?? id),
      element('div', 'muted', describe([p.category, id, p.price ? `€ ${p.price}` : '', p.available === false ? 'sold out' : ''])));
  send('view', id);
  const related = await fetch(`/api/v1/products/${encodeURIComponent(id)}/recommendations?userId=${encodeURIComponent(user)}&limit=8`);
  if (related.ok) {
    const answer = await related.json();
    label(answer);
    await cards($('related'), answer);
  }
  const forYou = await fetch(`/api/v1/users/${encodeURIComponent(user)}/recommendations?limit=8`);
  if (forYou.ok) await cards($('foryou'), await forYou.json());
  document.body.dataset.shown = id;
}

document.addEventListener('DOMContentLoaded', () => {
  $('choose').addEventListener('submit', event => { event.preventDefault(); show(); });
  const wanted = new URLSearchParams(location.search);
  if (wanted.get('product')) $('product').value = wanted.get('product');
  if (wanted.get('user')) $('user').value = wanted.get('user');
  show();
});
