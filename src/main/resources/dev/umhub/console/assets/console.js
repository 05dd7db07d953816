// umhub console. Everything shown comes from the admin API with the admin token; every string from the platform is
// put in the page as text (textContent), never as HTML: customer names can hold markup.
'use strict';

(() => {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  const API = meta('umhub-api');
  const ROOT = meta('umhub-root');
  const NOT_FOUND = meta('umhub-not-found');
  const TOKEN_KEY = 'umhub-admin-token';
  const view = document.getElementById('view');
  let timers = [];
  /** A message for the next rendering of the page (an action's outcome, shown after the page refreshed). */
  let flash = '';

  // ---- building the page -----------------------------------------------------------------------------------------

  /** An element with attributes (on* are listeners) and children (strings become text nodes). */
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }

  const link = (path, text, attrs) => h('a', Object.assign({ href: ROOT + path, 'data-nav': '' }, attrs || {}), text);
  const badge = (value) => h('span', { class: 'badge ' + String(value || '').toLowerCase() }, value == null ? '-' : value);
  const time = (iso) => iso ? h('time', { datetime: iso, title: iso }, new Date(iso).toLocaleString()) : '-';
  const json = (value) => h('pre', {}, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  const alertBox = () => h('p', { class: 'error', role: 'alert' });
  const noticeBox = () => h('p', { class: 'notice', role: 'status' });

  function table(columns, rows, empty) {
    if (!rows.length) return h('p', { class: 'muted' }, empty || 'Nothing here.');
    return h('div', { class: 'table-wrap' }, h('table', { class: 'responsive' },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) =>
        h('td', { 'data-label': typeof c.label === 'string' ? c.label : c.name || '', class: c.num ? 'num' : null }, c.cell(r))))))));
  }

  function facts(pairs) {
    return h('dl', { class: 'facts' }, pairs.filter((p) => p).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v == null ? '-' : v)]));
  }

  function show(title, ...content) {
    view.replaceChildren(h('h1', { id: 'page-title' }, title),
      ...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    document.title = title + ' · umhub console';
  }

  // ---- the admin API -----------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(path, options) {
    const opts = options || {};
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(API + path, {
      method: opts.method || 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'omit', cache: 'no-store',
    });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
    if (response.status === 401) {
      if (!opts.noLogin) signIn('Sign in with the admin token.');
      throw new ApiError(401, body && body.detail || 'not signed in');
    }
    if (!response.ok) {
      const detail = body && (body.detail || body.title) || ('HTTP ' + response.status);
      const messages = body && Array.isArray(body.messages) ? body.messages.map(message).join('\n') : '';
      throw new ApiError(response.status, messages ? detail + '\n' + messages : detail);
    }
    return body;
  }

  const message = (m) => typeof m === 'string' ? m
    : [m.level, m.file && (m.file + (m.line ? ':' + m.line : '')), m.text].filter(Boolean).join(' ');

  /** Runs an action, showing its error in the box; false when it failed. */
  async function guarded(box, action) {
    box.textContent = '';
    try { await action(); return true; } catch (e) {
      if (e.status !== 401) box.textContent = e.message;
      return false;
    }
  }

  // ---- signing in ------------------------------------------------------------------------------------------------

  function signIn(reason) {
    stopTimers();
    sessionStorage.removeItem(TOKEN_KEY);
    view.hidden = true;
    view.replaceChildren();
    document.getElementById('nav').hidden = true;
    document.getElementById('sign-out').hidden = true;
    document.getElementById('login').hidden = false;
    document.body.dataset.state = 'signed-out';
    document.getElementById('login-error').textContent = reason || '';
    document.getElementById('token').focus();
  }

  function signedIn() {
    document.getElementById('login').hidden = true;
    document.body.dataset.state = 'signed-in';
    document.getElementById('nav').hidden = false;
    document.getElementById('sign-out').hidden = !sessionStorage.getItem(TOKEN_KEY);
    view.hidden = false;
  }

  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('token');
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    try {
      await api('/rules', { noLogin: true });
      signedIn();
      render();
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      document.getElementById('login-error').textContent =
        e.status === 401 || e.status === 403 ? 'That token was refused.' : e.message;
      input.focus();
    }
  });

  document.getElementById('sign-out').addEventListener('click', () => signIn('Signed out.'));

  // ---- navigation ------------------------------------------------------------------------------------------------

  function stopTimers() { timers.forEach(clearInterval); timers = []; }
  function every(ms, fn) { timers.push(setInterval(fn, ms)); }

  function go(path) {
    history.pushState(null, '', ROOT + path);
    render();
  }

  document.addEventListener('click', (event) => {
    const a = event.target.closest('a[data-nav], nav a');
    if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(a.getAttribute('href').slice(ROOT.length));
  });
  window.addEventListener('popstate', () => render());

  /** Shows the page the address names; {@code refresh}: the same page again, keeping the reader's place. */
  function render(refresh) {
    stopTimers();
    if (refresh !== true) flash = ''; // an action's outcome stays while its page refreshes, not on another page
    const path = location.pathname.slice(ROOT.length).replace(/\/+$/, '') || '/events';
    const params = new URLSearchParams(location.search);
    const section = path.split('/')[1];
    document.querySelectorAll('nav a').forEach((a) => {
      if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    const pages = { '/events': eventsPage, '/dead-letters': deadLettersPage, '/destinations': destinationsPage,
      '/rules': rulesPage, '/sources': sourcesPage };
    const eventMatch = path.match(/^\/events\/([^/]+)$/);
    let page;
    if (eventMatch) page = () => eventPage(decodeURIComponent(eventMatch[1])); // throws on a bad %: caught below
    else page = pages[path] || (() => notFound('There is no console page ' + path + '.'));
    Promise.resolve().then(() => page(params)).catch((e) => {
      if (e.status === 404 || e instanceof URIError) notFound(e.message);
      else if (e.status !== 401) show('Something went wrong', Object.assign(alertBox(), { textContent: e.message }));
    });
    if (refresh !== true) document.getElementById('main').focus({ preventScroll: true });
  }

  function notFound(what) {
    show('Not found', h('p', {}, what), h('p', {}, link('/events', 'Back to the events')));
  }

  // ---- events ----------------------------------------------------------------------------------------------------

  const STATUSES = [['', 'any'], ['delivered', 'delivered'], ['pending', 'pending'], ['dead', 'dead'],
    ['decision-failed', 'decision failed'], ['skipped', 'skipped'], ['none', 'nothing to send']];

  /** datetime-local (the browser's time zone) to an ISO instant, and back. */
  const toInstant = (local) => local ? new Date(local).toISOString() : '';
  const toLocal = (iso) => {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return '';
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  };

  /**
   * A filter form of a list page: text fields, then any other controls, then From/To; applying it puts the filter in
   * the address (bookmarkable) and shows the page again. Its text fields keep what the address says.
   */
  function filterForm(path, label, params, fields, ...controls) {
    const text = fields.map(([name, title, attrs]) =>
      h('label', {}, title, h('input', Object.assign({ name, value: params.get(name) || '' }, attrs || {}))));
    const when = (name, title) => h('label', {}, title,
      h('input', { name, type: 'datetime-local', value: toLocal(params.get(name)) }));
    const form = h('form', { class: 'filters card', role: 'search', 'aria-label': label },
      text, controls.slice(0, 1), when('from', 'From'), when('to', 'To'), h('button', { type: 'submit' }, 'Apply'),
      controls.slice(1));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form).entries()) {
        const value = k === 'from' || k === 'to' ? toInstant(v) : String(v).trim();
        if (value) q.set(k, value);
      }
      go(path + (q.toString() ? '?' + q : ''));
    });
    return form;
  }

  async function eventsPage(params) {
    const box = alertBox();
    const status = h('select', { name: 'status' }, STATUSES.map(([v, l]) => h('option', { value: v, selected: params.get('status') === v }, l)));
    const live = h('input', { type: 'checkbox', id: 'live', checked: !params.get('before') });
    const form = filterForm('/events', 'Filter events', params,
      [['type', 'Event type', { placeholder: 'payment.received', list: 'event-types' }],
        ['customer', 'Customer id or email', { placeholder: '42 or jane@example.com' }]],
      h('label', {}, 'Status', status),
      h('button', { type: 'button', class: 'secondary', onclick: () => go('/events') }, 'Clear'),
      h('label', { class: 'row' }, h('span', {}, 'Live'), live),
      h('datalist', { id: 'event-types' }, ['payment.received', 'payment.failed', 'customer.created', 'membership.cancelled',
        'membership.status_changed', 'renewal.created', 'site.published', 'domain.created'].map((t) => h('option', { value: t }))));
    const list = h('div', { 'aria-live': 'polite' });
    const pager = h('div', { class: 'row' });
    show('Events', form, box, list, pager);

    const query = new URLSearchParams(params);
    query.set('limit', '50');
    const load = () => guarded(box, async () => {
      const events = await api('/events?' + query);
      list.replaceChildren(table([
        { label: 'Received', cell: (e) => time(e.receivedAt) },
        { label: 'Type', cell: (e) => link('/events/' + encodeURIComponent(e.id), e.type) },
        { label: 'Customer', cell: (e) => [e.customerId || '-', e.email ? h('div', { class: 'muted' }, e.email) : null] },
        { label: 'Status', cell: (e) => badge(e.status) },
        { label: 'Rules fired', cell: (e) => (e.rulesFired || []).join(', ') || '-' },
        { label: 'Origin', cell: (e) => [e.origin, e.test ? h('div', { class: 'muted' }, 'test event') : null] },
      ], events, 'No event matches.'));
      pager.replaceChildren(...[
        params.get('before') ? h('button', { type: 'button', class: 'secondary', onclick: () => history.back() }, 'Newer') : null,
        events.length === 50 ? h('button', { type: 'button', class: 'secondary', onclick: () => {
          const next = new URLSearchParams(params);
          next.set('before', String(events[events.length - 1].seq));
          go('/events?' + next);
        } }, 'Older') : null].filter(Boolean));
    });
    await load();
    every(5000, () => { if (live.checked) load(); });
  }

  // ---- one event -------------------------------------------------------------------------------------------------

  async function eventPage(id) {
    const e = await api('/events/' + encodeURIComponent(id));
    if (!e.event) { // the message is journaled but not processed yet (or failed): its intake state
      show('Event ' + id, h('section', { class: 'card' }, facts([['State', badge(e.state)], ['Type', e.type],
        ['Received', time(e.receivedAt)], ['Error', e.error]])), json(e));
      if (e.state === 'pending') every(3000, () => render(true));
      return;
    }
    const box = alertBox();
    const notice = noticeBox();
    notice.textContent = flash;
    const redecide = h('button', { type: 'button', class: 'secondary', onclick: () => guarded(box, async () => {
      const out = await api('/events/' + encodeURIComponent(e.id) + '/redecide', { method: 'POST', body: {} });
      flash = 'Re-decided with rules ' + (out.decision && out.decision.rulesVersion) + ': planned '
        + ((out.planned || []).join(', ') || 'nothing new') + '; already planned: '
        + ((out.alreadyPlanned || []).join(', ') || 'none') + '.';
      render(true);
    }) }, 'Re-decide with the running rules');
    const explanation = e.explanation || {};
    show(e.type + ' · ' + (e.subject || e.id),
      h('section', { class: 'card', 'aria-label': 'Summary' }, facts([
        ['Event id', e.id], ['Type', e.type], ['Source', e.source + ' (' + e.origin + ')'], ['Received', time(e.receivedAt)],
        ['Customer', e.customerId], ['Test event', e.test ? 'yes' : 'no'], ['Rules version', e.rulesVersion],
        ['Decision', e.decision === 'failed' ? [badge('decision-failed'), ' ', e.decisionError] : 'decided']]),
        h('div', { class: 'row' }, redecide), notice, box),
      h('h2', {}, 'Rules that fired'),
      (explanation.firings || []).length ? h('ul', {}, explanation.firings.map((f) => h('li', {}, h('strong', {}, f.rule),
        h('div', { class: 'muted' }, 'matched: ', (f.facts || []).map((fact) => Object.entries(fact)
          .map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(' ')).join(' · ')))))
        : h('p', { class: 'muted' }, 'No rule fired.'),
      (explanation.vetoes || []).length ? [h('h3', {}, 'Vetoes'), h('ul', {}, explanation.vetoes.map((v) =>
        h('li', {}, (v.destination || '') + ': ' + (v.reason || '') + ' (rule ' + (v.rule || '?') + ')')))] : null,
      explanation.failure ? [h('h3', {}, 'Failure'), json(explanation.failure)] : null,
      h('h2', {}, 'Deliveries'), deliveries(e.deliveries || []),
      h('h2', {}, 'Normalised event'), json(e.event),
      h('h2', {}, 'Raw payload'), json(e.payload));
    const dueSoon = (d) => d.status === 'PENDING' && (!d.nextAttemptAt || new Date(d.nextAttemptAt) - Date.now() < 60000);
    if ((e.deliveries || []).some(dueSoon)) every(3000, () => render(true));
  }

  /** An event's deliveries, each with its attempts; a dead one with its replay (the page then shows it again). */
  function deliveries(list) {
    if (!list.length) return h('p', { class: 'muted' }, 'No delivery was planned.');
    return list.map((d) => {
      const box = alertBox();
      const replay = d.status === 'DEAD' ? h('button', { type: 'button', onclick: () => guarded(box, async () => {
        const out = await api('/dead-letters/' + encodeURIComponent(d.id) + '/replay', { method: 'POST', body: {} });
        flash = 'Replay of ' + d.destination + ': ' + String(out.outcome).toLowerCase() + '.';
        render(true);
      }) }, 'Replay ' + d.destination) : null;
      return h('section', { class: 'card', 'aria-label': 'Delivery to ' + d.destination },
        h('h3', {}, d.destination, ' ', badge(d.status.toLowerCase())),
        facts([['Actions', (d.actions || []).join(', ')], ['Chosen by', (d.rules || []).join(', ')],
          ['Attempts', d.attempts + (d.replays ? ' (replayed ' + d.replays + ' times)' : '')],
          d.lastError ? ['Last error', d.lastError] : null, d.errorClass ? ['Error class', d.errorClass] : null,
          d.note ? ['Note', d.note] : null, d.externalId ? ['Provider id', d.externalId] : null,
          d.deliveredAt ? ['Delivered', time(d.deliveredAt)] : null]),
        h('div', { class: 'row' }, replay), box,
        table([
          { label: '#', cell: (a) => a.attempt, num: true },
          { label: 'Time', cell: (a) => time(a.startedAt) },
          { label: 'Outcome', cell: (a) => badge(a.outcome) },
          { label: 'HTTP', cell: (a) => a.httpStatus == null ? '-' : a.httpStatus, num: true },
          { label: 'Error class', cell: (a) => a.errorClass || '-' },
          { label: 'Took', cell: (a) => a.durationMs + ' ms', num: true },
          { label: 'Response', cell: (a) => a.responseExcerpt ? h('code', {}, a.responseExcerpt) : '-' },
        ], d.attemptHistory || [], 'No attempt yet.'));
    });
  }

  // ---- dead letters ----------------------------------------------------------------------------------------------

  async function deadLettersPage(params) {
    const box = alertBox();
    const notice = noticeBox();
    const filters = ['destination', 'eventType', 'errorClass', 'from', 'to'];
    const form = filterForm('/dead-letters', 'Filter dead letters', params,
      [['destination', 'Destination'], ['eventType', 'Event type'], ['errorClass', 'Error class']]);
    const mode = h('select', { id: 'replay-mode' }, h('option', { value: 'as-decided' }, 'as decided'),
      h('option', { value: 're-evaluated' }, 're-evaluated with the running rules'));
    const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Replay progress', hidden: true });
    const progressText = h('p', { class: 'muted', 'aria-live': 'polite' });
    const list = h('div');
    show('Dead letters', form, box, list,
      h('section', { class: 'card', 'aria-label': 'Replay' },
        h('div', { class: 'row' }, h('label', { for: 'replay-mode' }, 'Replay mode'), mode,
          h('button', { type: 'button', id: 'replay-selected', onclick: replaySelected }, 'Replay selected'),
          h('button', { type: 'button', id: 'replay-all', class: 'secondary', onclick: replayAll }, 'Replay all matching')),
        progress, progressText, notice));

    let letters = [];
    const query = new URLSearchParams(params);
    query.set('limit', '200');
    const load = () => guarded(box, async () => {
      letters = (await api('/dead-letters?' + query)).map((item) => item.deadLetter || item);
      const all = h('input', { type: 'checkbox', 'aria-label': 'Select all', onchange: (ev) =>
        list.querySelectorAll('input[data-id]').forEach((c) => { c.checked = ev.target.checked; }) });
      list.replaceChildren(letters.length ? table([
        { label: h('span', {}, all), name: 'Select', cell: (d) => h('input', { type: 'checkbox', 'data-id': d.id, 'aria-label': 'Select ' + d.destination + ' ' + d.id }) },
        { label: 'Destination', cell: (d) => d.destination },
        { label: 'Event', cell: (d) => link('/events/' + encodeURIComponent(d.eventId), d.eventType) },
        { label: 'Customer', cell: (d) => d.customerId || '-' },
        { label: 'Error class', cell: (d) => d.errorClass || '-' },
        { label: 'Last error', cell: (d) => d.lastError || '-' },
        { label: 'Failed', cell: (d) => time(d.updatedAt) },
        { label: 'Attempts', cell: (d) => d.attempts, num: true },
      ], letters) : h('p', { class: 'muted' }, 'No dead letter matches.'));
    });

    async function replaySelected() {
      const ids = [...list.querySelectorAll('input[data-id]:checked')].map((c) => c.dataset.id);
      if (!ids.length) { box.textContent = 'Select the dead letters to replay first.'; return; }
      progress.hidden = false; progress.max = ids.length; progress.value = 0;
      let failed = 0;
      for (const id of ids) {
        try {
          await api('/dead-letters/' + encodeURIComponent(id) + '/replay?mode=' + mode.value, { method: 'POST', body: {} });
        } catch (e) { failed++; if (e.status === 401) return; }
        progress.value += 1;
        progressText.textContent = progress.value + ' of ' + ids.length + ' replayed' + (failed ? ', ' + failed + ' failed' : '');
      }
      notice.textContent = 'Replay done: ' + (ids.length - failed) + ' sent again.';
      load();
    }

    async function replayAll() {
      const body = { mode: mode.value };
      for (const k of filters) if (params.get(k)) body[k] = params.get(k);
      const filter = Object.entries(body).filter(([k]) => k !== 'mode').map(([k, v]) => k + ' ' + v).join(', ');
      if (!confirm('Replay every dead letter ' + (filter ? 'with ' + filter : 'of every destination') + ' ('
        + (letters.length >= 200 ? '200 or more' : letters.length) + ' shown), ' + mode.value + '?')) return;
      await guarded(box, async () => {
        const job = await api('/dead-letters/replay', { method: 'POST', body });
        progress.hidden = false;
        const follow = async () => {
          const p = await api('/replays/' + encodeURIComponent(job.id));
          progress.max = Math.max(1, p.matched);
          progress.value = p.replayed + p.skipped + p.unmappable + p.decisionFailed + p.alreadyGone;
          progressText.textContent = p.state + ': ' + progress.value + ' of ' + p.matched + ' (' + p.replayed + ' replayed)';
          if (p.state === 'done') { stopTimers(); notice.textContent = 'Bulk replay done.'; load(); }
        };
        await follow();
        every(1000, () => follow().catch(() => stopTimers()));
      });
    }

    await load();
  }

  // ---- destinations ----------------------------------------------------------------------------------------------

  function chart(minutes) {
    const width = 600, height = 90, n = 60;
    const max = Math.max(1, ...minutes.map((m) => m.delivered + m.failed));
    const bar = width / n;
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img');
    const total = minutes.reduce((a, m) => [a[0] + m.delivered, a[1] + m.failed], [0, 0]);
    svg.setAttribute('aria-label', `last hour: ${total[0]} delivered, ${total[1]} failed`);
    const rect = (x, y, w, hgt, cls) => {
      const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      r.setAttribute('x', x); r.setAttribute('y', y); r.setAttribute('width', w); r.setAttribute('height', hgt);
      r.setAttribute('class', cls);
      return r;
    };
    minutes.forEach((m, i) => { // the API gives the last hour, 60 minutes, oldest first
      const x = i * bar;
      const hd = m.delivered / max * (height - 4), hf = m.failed / max * (height - 4);
      if (hd) svg.append(rect(x, height - hd, bar - 1, hd, 'delivered'));
      if (hf) svg.append(rect(x, height - hd - hf, bar - 1, hf, 'failed'));
    });
    return svg;
  }

  async function destinationsPage() {
    const box = alertBox();
    const grid = h('div', { class: 'grid' });
    show('Destinations', box, grid);
    const load = () => guarded(box, async () => {
      const all = await api('/destinations');
      grid.replaceChildren(...Object.entries(all).map(([name, d]) => {
        const lane = d.lane || {};
        const counts = d.deliveries || {};
        const minutes = d.lastHour || [];
        const last = minutes.length ? minutes[minutes.length - 1] : { delivered: 0, failed: 0 };
        return h('section', { class: 'card', 'aria-label': name },
          h('h2', {}, name, ' ', badge((lane.circuitBreaker || 'unknown').toLowerCase().replace('_', '-'))),
          facts([['Paused until', lane.pausedUntil ? time(lane.pausedUntil) : 'not paused'],
            ['Rate limit', lane.rateLimit || 'none'], ['In flight', (lane.inFlight ?? '-') + ' of ' + (lane.maxInFlight ?? '-')],
            ['Backlog', counts.pending || 0], ['Delivered (all time)', counts.delivered || 0], ['Dead', counts.dead || 0],
            ['Last minute', last.delivered + ' delivered, ' + last.failed + ' failed']]),
          d.lastHour ? [chart(minutes),
            h('div', { class: 'legend' }, 'Last hour per minute: ', h('span', { class: 'ok' }, 'delivered'), ' / ',
              h('span', { class: 'bad' }, 'failed attempts'))]
            : h('p', { class: 'muted' }, 'No per-minute figures: this umhub runs without a meter registry.'));
      }));
    });
    await load();
    every(5000, load);
  }

  // ---- rules -----------------------------------------------------------------------------------------------------

  async function rulesPage() {
    const box = alertBox();
    const status = await api('/rules');
    const attempt = status.lastAttempt || {};
    const evalBox = alertBox();
    const evalOut = h('div', { 'aria-live': 'polite' });
    const slug = h('input', { id: 'evaluate-slug', value: 'payment_received', required: true });
    const payload = h('textarea', { id: 'evaluate-payload', required: true, spellcheck: 'false' });
    const evaluate = h('form', { class: 'stack' },
      h('label', { for: 'evaluate-slug' }, 'Webhook slug'), slug,
      h('label', { for: 'evaluate-payload' }, 'Payload (JSON)'), payload,
      h('button', { type: 'submit' }, 'Evaluate'), evalBox, evalOut);
    evaluate.addEventListener('submit', (event) => {
      event.preventDefault();
      guarded(evalBox, async () => {
        let body;
        try { body = JSON.parse(payload.value); } catch (e) { throw new Error('The payload is not JSON: ' + e.message); }
        const out = await api('/rules/evaluate', { method: 'POST', body: { slug: slug.value.trim(), payload: body } });
        evalOut.replaceChildren(facts([['Event', out.event && out.event.type], ['Rules fired', (out.rulesFired || []).join(', ') || 'none'],
          ['Destinations', (out.dispatches || []).map((d) => d.destination + ' (' + (d.action || '') + ')').join(', ') || 'none'],
          out.failure ? ['Failure', JSON.stringify(out.failure)] : null]), json(out));
      });
    });

    const dryBox = alertBox();
    const dryOut = h('div', { 'aria-live': 'polite' });
    const fileName = h('input', { id: 'dry-file', value: 'my-rules.drl', required: true });
    const fileText = h('textarea', { id: 'dry-text', spellcheck: 'false' });
    const last = h('input', { id: 'dry-last', type: 'number', min: 1, max: 10000, value: 500 });
    const replace = h('input', { id: 'dry-replace', type: 'checkbox' });
    const dry = h('form', { class: 'stack' },
      h('label', { for: 'dry-file' }, 'File name'), fileName, h('label', { for: 'dry-text' }, 'File text'), fileText,
      h('div', { class: 'row' }, h('label', { for: 'dry-last' }, 'Last events'), last,
        replace, h('label', { for: 'dry-replace' }, 'The file is the whole folder')),
      h('button', { type: 'submit' }, 'Dry run'), dryBox, dryOut);
    dry.addEventListener('submit', (event) => {
      event.preventDefault();
      guarded(dryBox, async () => {
        const out = await api('/rules/dry-run', { method: 'POST', body: { files: { [fileName.value.trim()]: fileText.value },
          replace: replace.checked, events: { last: Number(last.value) } } });
        const failedScenarios = (out.scenarios && out.scenarios.failed) || [];
        dryOut.replaceChildren(
          failedScenarios.length ? h('p', { class: 'error', role: 'alert' }, failedScenarios.length
            + ' scenario test(s) fail with this change: it would be refused. ', failedScenarios.map(message).join('; ')) : null,
          (out.warnings || []).length ? h('p', { class: 'muted' }, 'Warnings: ', out.warnings.map(message).join('; ')) : null,
          h('p', {}, out.selected + ' events decided with the running rules (' + out.runningVersion + ') and the candidate ('
            + out.candidateVersion + ', ' + out.candidateRules + ' rules): ' + out.changed + ' would change'
            + (out.skipped ? ', ' + out.skipped + ' skipped' : '') + (out.unreadable ? ', ' + out.unreadable + ' unreadable' : '')
            + '.' + (out.page && out.page.more ? ' The first ' + out.page.limit + ' changes are listed.' : '')),
          table([{ label: 'Destination', cell: (r) => r[0] }, { label: 'Added', cell: (r) => r[1].added, num: true },
            { label: 'Dropped', cell: (r) => r[1].dropped, num: true }], Object.entries(out.destinations || {}), 'No destination changes.'),
          table([{ label: 'Event', cell: (c) => link('/events/' + encodeURIComponent(c.eventId), c.type) },
            { label: 'Before', cell: (c) => (c.before || []).map((d) => d.destination || d).join(', ') || '-' },
            { label: 'After', cell: (c) => (c.after || []).map((d) => d.destination || d).join(', ') || '-' }],
          (out.changes || []).slice(0, 100), 'No event would change.'));
      });
    });

    const versionsBox = alertBox();
    const versions = h('div');
    const loadVersions = () => guarded(versionsBox, async () => {
      const list = await api('/rules/versions');
      versions.replaceChildren(table([
        { label: 'Version', cell: (v) => [v.version, v.running ? h('span', { class: 'muted' }, ' (running)') : null] },
        { label: 'Rules', cell: (v) => v.ruleCount, num: true },
        { label: 'Files', cell: (v) => (v.files || []).length, num: true },
        { label: 'First loaded', cell: (v) => time(v.firstLoadedAt) },
        { label: 'Last loaded', cell: (v) => time(v.lastLoadedAt) },
        { label: '', cell: (v) => v.running ? '' : h('button', { type: 'button', class: 'secondary',
          onclick: () => guarded(versionsBox, async () => {
            await api('/rules/versions/' + encodeURIComponent(v.id) + '/activate', { method: 'POST', body: {} });
            render();
          }) }, 'Activate') },
      ], list, 'No version recorded yet.'));
    });

    show('Rules', box,
      h('section', { class: 'card', 'aria-label': 'Running rules' }, facts([['Running version', status.version],
        ['Loaded', time(status.loadedAt)], ['Folder', status.directory],
        ['Last load', (attempt.accepted ? 'accepted' : 'refused') + ' at ' + (attempt.at ? new Date(attempt.at).toLocaleString() : '-')
          + (attempt.scenariosPassed != null ? ', ' + attempt.scenariosPassed + ' scenarios passed' : '')],
        ['Rules naming unknown destinations', (status.unknownDestinations || []).map((u) => typeof u === 'string' ? u : JSON.stringify(u)).join(', ') || 'none']])),
      h('h2', {}, 'Last compile messages'),
      table([{ label: 'Level', cell: (m) => badge(m.level) }, { label: 'File', cell: (m) => m.file || '-' },
        { label: 'Line', cell: (m) => m.line || '-', num: true }, { label: 'Message', cell: (m) => m.text }],
      attempt.messages || [], 'No messages: the last load compiled cleanly.'),
      h('h2', {}, 'Rules'), h('ul', {}, (status.rules || []).map((r) => h('li', {}, r))),
      h('h2', {}, 'Files'), table([{ label: 'File', cell: (f) => f.name }, { label: 'Bytes', cell: (f) => f.bytes, num: true },
        { label: 'SHA-256', cell: (f) => h('code', {}, String(f.sha256).slice(0, 12)) }], status.files || []),
      h('h2', {}, 'Evaluate a payload'), h('section', { class: 'card' }, evaluate),
      h('h2', {}, 'Dry run a change on recorded events'), h('section', { class: 'card' }, dry),
      h('h2', {}, 'Versions'), versionsBox, versions);
    await loadVersions();
  }

  // ---- sources ---------------------------------------------------------------------------------------------------

  async function sourcesPage() {
    const box = alertBox();
    const out = h('div');
    show('Sources', box, out);
    const load = () => guarded(box, async () => {
      const sources = await api('/sources');
      out.replaceChildren(...sources.map((s) => s.kind === 'webhook'
        ? h('section', { class: 'card', 'aria-label': s.source + ' webhooks' },
          h('h2', {}, s.source, ': webhooks ', badge(s.enabled ? 'up' : 'off')),
          facts([['Path', s.path]]),
          table([{ label: 'Slug', cell: (r) => r[0] }, { label: 'Received', cell: (r) => r[1].received, num: true },
            { label: 'Pending', cell: (r) => r[1].pending, num: true }, { label: 'Failed', cell: (r) => r[1].failed, num: true },
            { label: 'Last', cell: (r) => time(r[1].lastReceivedAt) }], Object.entries(s.slugs || {}), 'No webhook received yet.'),
          h('p', { class: 'muted' }, 'Counted from the intake journal (processed messages older than its retention are removed).'))
        : h('section', { class: 'card', 'aria-label': s.source + ' REST reconciliation' },
          h('h2', {}, s.source, ': REST reconciliation ', badge(s.health)),
          facts([['Configured', s.configured ? 'yes' : 'no'], ['Base URL', s.baseUrl || '-'], ['Poll interval', s.pollInterval],
            ['Last success', time(s.lastSuccessAt)], ['Last error', s.lastError ? [s.lastError, ' (', time(s.lastErrorAt), ')'] : 'none'],
            ['Consecutive failures', s.consecutiveFailures], ['Next poll', time(s.nextAttemptAt)],
            ['Baseline complete', s.baselineComplete ? 'yes' : 'no']]),
          table([{ label: 'Stream', cell: (c) => c.stream }, { label: 'Cursor', cell: (c) => c.cursor == null ? '-' : c.cursor },
            { label: 'Cursor means', cell: (c) => c.cursorMeans }, { label: 'Updated', cell: (c) => time(c.updatedAt) }],
          s.streams || [], 'No stream has run yet.'),
          h('p', { class: 'muted' }, 'Entities seen: ', Object.entries(s.entitiesSeen || {}).map(([k, v]) => k + ' ' + v).join(', ')))));
    });
    await load();
    every(10000, load);
  }

  // ---- start -----------------------------------------------------------------------------------------------------

  async function start() {
    if (NOT_FOUND) {
      document.getElementById('login').hidden = true;
      view.hidden = false;
      notFound(NOT_FOUND.charAt(0).toUpperCase() + NOT_FOUND.slice(1) + '.');
      return;
    }
    try {
      // with no token configured umhub's API is open on loopback: no sign-in then
      await api('/rules', { noLogin: true });
      signedIn();
      render();
    } catch (e) {
      signIn(sessionStorage.getItem(TOKEN_KEY) ? 'That token was refused.' : '');
    }
  }

  start();
})();
