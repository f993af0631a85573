// The shop's drop-in recommendation widget: plain JavaScript, no framework, no build step.
//
//   <script src="https://reco.shop.example/widget/nightshift-widget.js" defer></script>
//   <div data-nightshift="related" data-product="p-1"></div>
//   <div data-nightshift="for-you" data-user="u-1" data-show-tier></div>
//
// Options (data- attributes on the element, or on the script tag for every element):
//   data-api       the API's base URL; default: where this script was loaded from
//   data-limit     how many items (1..50); default 4
//   data-user      the shopper (required for for-you; sent with related for the A/B cohort)
//   data-link      the product page address, {id} is replaced; default "/products/{id}"
//   data-category  only this category's products (the API fills up from its trending set)
//   data-exclude   comma-separated product ids never to show (what the page already shows)
//   data-show-tier show which tier answered (off by default: shoppers rarely care)
//
// API data is written as text (textContent), never as HTML: a product named <img onerror=...>
// must show as those characters on the shop's page, not run there. When the API is down or
// answers nothing, the element stays empty: the shop's page must look as if no widget were there.
// Once settled, the element carries data-nightshift-state="shown" or "empty" (to hide a heading).
// A click sends reco_clicked with the answer's requestId/tier/modelVersion as a keepalive request,
// so the browser follows the link at once and the event still arrives after the page is gone.
(function () {
  'use strict';

  const script = document.currentScript;
  const scriptBase = script && script.src ? new URL('..', script.src).href.replace(/\/$/, '') : '';

  function option(element, name, fallback) {
    if (element.dataset[name] !== undefined) return element.dataset[name];
    if (script && script.dataset[name] !== undefined) return script.dataset[name];
    return fallback;
  }

  function limitOf(element) {
    const limit = parseInt(option(element, 'limit', '4'), 10);
    return Number.isFinite(limit) ? Math.min(Math.max(limit, 1), 50) : 4;
  }

  function node(tag, className, text) {
    const created = document.createElement(tag);
    if (className) created.className = className;
    if (text !== undefined && text !== null) created.textContent = String(text);
    return created;
  }

  async function json(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  function click(api, user, item, answer) {
    const event = { eventId: crypto.randomUUID(), schemaVersion: 2, type: 'reco_clicked', productId: item.productId,
                    occurredAt: new Date().toISOString(),
                    reco: { requestId: answer.requestId, tier: answer.tier, modelVersion: answer.modelVersion ?? null,
                            cohort: answer.cohort ?? null } };
    if (user) event.userId = user;
    else event.sessionId = session();
    // keepalive: the request outlives the page the shopper is leaving; nothing waits for it.
    fetch(api + '/api/v1/events', { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' },
                                    body: JSON.stringify(event) }).catch(() => {});
  }

  // Anonymous shoppers get a per-tab session id, so their clicks still have a key on the event log.
  function session() {
    try {
      let id = sessionStorage.getItem('nightshift.session');
      if (!id) sessionStorage.setItem('nightshift.session', id = 's-' + crypto.randomUUID());
      return id;
    } catch (e) {
      return 's-' + crypto.randomUUID();
    }
  }

  async function render(element) {
    const kind = element.dataset.nightshift;
    const api = option(element, 'api', scriptBase).replace(/\/$/, '');
    const user = option(element, 'user', '');
    const product = element.dataset.product || '';
    const limit = limitOf(element);
    const generation = (element.__nightshift = (element.__nightshift || 0) + 1);
    delete element.dataset.nightshiftState;
    const category = option(element, 'category', '');
    const exclude = option(element, 'exclude', '');
    const filters = (category ? `&category=${encodeURIComponent(category)}` : '')
        + (exclude ? `&exclude=${encodeURIComponent(exclude)}` : '');
    let url;
    if (kind === 'related' && product) {
      url = `${api}/api/v1/products/${encodeURIComponent(product)}/recommendations?limit=${limit}`
          + (user ? `&userId=${encodeURIComponent(user)}` : '') + filters;
    } else if (kind === 'for-you' && user) {
      url = `${api}/api/v1/users/${encodeURIComponent(user)}/recommendations?limit=${limit}` + filters;
    } else {
      element.replaceChildren();
      element.dataset.nightshiftState = 'empty';
      return;
    }
    try {
      const answer = await json(url);
      const items = answer.items || [];
      const names = await Promise.all(items.map(item =>
          json(`${api}/api/v1/products/${encodeURIComponent(item.productId)}`).catch(() => ({ name: item.productId }))));
      if (generation !== element.__nightshift) return; // a newer render for this element won
      if (items.length === 0) {
        element.replaceChildren();
        element.dataset.nightshiftState = 'empty';
        return;
      }
      const list = node('ul', 'nightshift-list');
      items.forEach((item, index) => {
        const entry = node('li', 'nightshift-item');
        const link = node('a', 'nightshift-link');
        link.href = option(element, 'link', '/products/{id}').split('{id}').join(encodeURIComponent(item.productId));
        link.dataset.productId = item.productId;
        link.append(node('span', 'nightshift-name', names[index].name ?? item.productId));
        if (names[index].category) link.append(node('span', 'nightshift-category', names[index].category));
        link.addEventListener('click', () => click(api, user, item, answer));
        entry.append(link);
        list.append(entry);
      });
      const parts = [list];
      if (option(element, 'showTier', null) !== null) {
        const tier = node('span', answer.stale ? 'nightshift-tier nightshift-stale' : 'nightshift-tier', answer.tier);
        tier.title = answer.modelVersion ? 'model ' + answer.modelVersion : '';
        parts.unshift(tier);
      }
      element.dataset.requestId = answer.requestId;
      element.dataset.tier = answer.tier;
      element.replaceChildren(...parts);
      element.dataset.nightshiftState = 'shown';
    } catch (e) {
      // The API is away or refused: leave no trace on the shop's page, only a line for its developers.
      console.warn('nightshift widget: no recommendations shown:', e.message);
      if (generation === element.__nightshift) {
        element.replaceChildren();
        element.dataset.nightshiftState = 'empty';
      }
    }
  }

  function renderAll(root) {
    (root || document).querySelectorAll('[data-nightshift]').forEach(render);
  }

  window.NightshiftWidget = { render, renderAll };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => renderAll());
  else renderAll();
})();
