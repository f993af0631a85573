// The demo storefront: a product page per address (#/products/p-0001, so a reload or a shared link
// opens the same product) with the shop's widget for "related" and "for you", as a shop would
// embed it. The shopper is remembered in the address too (?user=u-0001).
// Everything that comes from the API is written as text (textContent), never as HTML.
'use strict';

const $ = id => document.getElementById(id);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function describe(parts) {
  return parts.filter(part => part !== undefined && part !== null && part !== '').join(' · ');
}

function currentProduct() {
  const match = /^#\/products\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function currentUser() {
  return new URLSearchParams(location.search).get('user') || $('user').value.trim();
}

async function product(id) {
  const r = await fetch(`/api/v1/products/${encodeURIComponent(id)}`).catch(() => null);
  return r && r.ok ? r.json() : { productId: id, name: id, category: '' };
}

function sendView(user, productId) {
  const event = { eventId: crypto.randomUUID(), schemaVersion: 2, type: 'view', userId: user, productId,
                  occurredAt: new Date().toISOString() };
  fetch('/api/v1/events', { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' },
                            body: JSON.stringify(event) }).catch(() => {});
}

async function show() {
  const id = currentProduct(), user = currentUser();
  if (!id) return;
  $('product').value = id;
  $('user').value = user;
  document.title = `Nightshift demo shop · ${id}`;
  delete document.body.dataset.shown;
  const p = await product(id);
  $('current').replaceChildren(element('h2', 'name', p.name ?? id),
      element('div', 'muted', describe([p.category, id, p.price ? `€ ${p.price}` : '', p.available === false ? 'sold out' : ''])));
  sendView(user, id);
  $('related').dataset.product = id;
  $('related').dataset.user = user;
  $('foryou').dataset.user = user;
  await Promise.all([NightshiftWidget.render($('related')), NightshiftWidget.render($('foryou'))]);
  document.body.dataset.shown = id;
}

function open(id, user) {
  const query = user ? `?user=${encodeURIComponent(user)}` : '';
  const target = `${location.pathname}${query}#/products/${encodeURIComponent(id)}`;
  if (target === location.pathname + location.search + location.hash) show();
  else location.assign(target);
}

document.addEventListener('DOMContentLoaded', () => {
  $('choose').addEventListener('submit', event => {
    event.preventDefault();
    open($('product').value.trim(), $('user').value.trim());
  });
  window.addEventListener('hashchange', show);
  // Old links (?product=p-1&user=u-1) and the bare shop address land on a product page address.
  const wanted = new URLSearchParams(location.search);
  if (!currentProduct()) open(wanted.get('product') || $('product').value.trim(), wanted.get('user') || $('user').value.trim());
  else show();
});
