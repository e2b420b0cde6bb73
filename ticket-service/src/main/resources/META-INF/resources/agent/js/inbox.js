// The inbox: mine / unassigned / all (supervisors), filters, most urgent and soonest due first
// (the API's sort=priority), a page at a time. Reloaded on every live change it may concern.

import { api } from '/shared/js/api.js';
import { el, replace } from '/shared/js/dom.js';
import { t } from './i18n.js';
import { countdown } from './countdown.js';

const SAVED = 'supportflow.console.inbox';
const ACTIVE = 'NEW,OPEN,PENDING';
const PAGE_SIZE = 50;
/** The channel types of CONTRACT.md (ticket-service knows each conversation's). */
const CHANNEL_TYPES = ['web', 'kakao', 'messenger', 'sms', 'email', 'generic'];

export function createInbox({ root, user, onOpen }) {
  const supervisor = user.roles.includes('supervisor') || user.roles.includes('admin');
  const state = {
    view: 'mine', status: ACTIVE, priority: '', channelType: '', channelId: '', customerId: '', sla: '',
    ...JSON.parse(sessionStorage.getItem(SAVED) ?? '{}'),
  };
  if (state.view === 'all' && !supervisor) state.view = 'mine';
  let tickets = [];
  let total = 0;
  // Pages shown: a live reload keeps as many as the agent asked to see.
  let pages = 1;
  let selected = null;
  let reloadTimer = null;
  // Only the newest reload may draw: an older one finishing late would show another view's tickets.
  let generation = 0;
  const channels = new Set();

  // The count is announced when it changes; the list itself is not (it is redrawn on every live change).
  const list = el('ul', { class: 'ticket-list', 'aria-label': t('inbox'), 'data-testid': 'ticket-list' });
  const count = el('p', { class: 'count', role: 'status', 'data-testid': 'ticket-count' });
  const more = el('button', {
    type: 'button', class: 'more', 'data-testid': 'more-tickets', text: t('more'),
    on: { click: () => { pages += 1; reload().catch(() => {}); } },
  });
  const channelOptions = el('datalist', { id: 'channel-options' });

  function option(value, label, current) {
    return el('option', { value, selected: value === current, text: label });
  }

  function select(name, label, options) {
    return el('label', {}, label, el('select', {
      name, 'data-testid': `filter-${name}`,
      on: { change: e => { state[name] = e.target.value; changed(); } },
    }, options.map(([value, text]) => option(value, text, state[name]))));
  }

  function textFilter(name, label, size, extra = {}) {
    return el('label', {}, label, el('input', {
      name, value: state[name], size, 'data-testid': `filter-${name}`, ...extra,
      on: { change: e => { state[name] = e.target.value.trim(); changed(); } },
    }));
  }

  function render() {
    more.textContent = t('more');
    const views = ['mine', 'unassigned', ...(supervisor ? ['all'] : [])];
    replace(root,
      el('h2', { text: t('inbox') }),
      el('div', { role: 'tablist', class: 'views' }, views.map(view => el('button', {
        role: 'tab', type: 'button', 'aria-selected': String(state.view === view), 'data-view': view,
        text: t(view), on: { click: () => { state.view = view; changed(); } },
      }))),
      el('form', { class: 'filters', on: { submit: e => e.preventDefault() } },
        select('status', t('status'), [['', t('any')], [ACTIVE, t('active')],
          ...['NEW', 'OPEN', 'PENDING', 'SOLVED', 'CLOSED'].map(s => [s, t(s)])]),
        select('priority', t('priority'), [['', t('any')], ...['URGENT', 'HIGH', 'NORMAL', 'LOW'].map(p => [p, t(p)])]),
        select('channelType', t('channelType'), [['', t('any')], ...CHANNEL_TYPES.map(type => [type, t(`channel_${type}`)])]),
        textFilter('channelId', t('channelId'), 12, { list: 'channel-options' }), channelOptions,
        select('sla', t('sla'), [['', t('any')], ['at_risk', t('atRisk')], ['breached', t('breached')]]),
        textFilter('customerId', t('customerFilter'), 14)),
      count, list, more);
    renderList();
  }

  function renderList() {
    count.textContent = tickets.length < total ? t('ticketCountOf', tickets.length, total)
      : t(tickets.length === 1 ? 'oneTicket' : 'ticketCount', tickets.length);
    more.hidden = tickets.length >= total;
    replace(channelOptions, [...channels].sort().map(id => el('option', { value: id })));
    list.setAttribute('aria-label', t('inbox'));
    if (!tickets.length) {
      replace(list, el('li', { class: 'empty', text: t('noTickets') }));
      return;
    }
    // A redraw keeps the keyboard focus on the same ticket's row.
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.ticketId : null;
    replace(list, tickets.map(ticket => el('li', {},
      el('button', {
        type: 'button', class: 'ticket-row', 'data-ticket-id': ticket.id,
        'aria-current': ticket.id === selected ? 'true' : null,
        on: { click: () => onOpen(ticket.id) },
      },
      el('span', { class: `badge priority-${ticket.priority.toLowerCase()}`, text: t(ticket.priority) }),
      el('span', { class: `badge status-${ticket.status.toLowerCase()}`, text: t(ticket.status) }),
      el('span', { class: 'row-intent', text: ticket.intent ?? '' }),
      el('span', { class: 'row-meta', text: [ticket.channelId, ticket.handoffReason, ticket.assignee ?? t('nobody')]
        .filter(Boolean).join(' · ') }),
      countdown(t('firstResponse'), ticket.sla.firstResponse.metAt ? null : ticket.sla.firstResponse)
        ?? countdown(t('resolution'), ticket.sla.resolution)))));
    if (focused) list.querySelector(`[data-ticket-id="${CSS.escape(focused)}"]`)?.focus();
  }

  function query() {
    const params = new URLSearchParams({ sort: 'priority' });
    if (state.view === 'mine') params.set('assignee', 'me');
    if (state.view === 'unassigned') params.set('assignee', 'none');
    for (const name of ['status', 'priority', 'channelType', 'channelId', 'customerId', 'sla']) {
      if (state[name]) params.set(name, state[name]);
    }
    return params;
  }

  async function reload() {
    const mine = ++generation;
    const params = query();
    const loaded = [];
    let found = 0;
    for (let page = 0; page < pages; page++) {
      params.set('page', String(page));
      params.set('size', String(PAGE_SIZE));
      const { body } = await api(`/api/v1/tickets?${params}`);
      if (mine !== generation) return;
      loaded.push(...body.items);
      found = body.total;
      if (loaded.length >= found) break;
    }
    tickets = loaded;
    total = found;
    params.delete('page');
    params.delete('size');
    list.dataset.query = params.toString();
    tickets.forEach(ticket => ticket.channelId && channels.add(ticket.channelId));
    renderList();
  }

  function changed() {
    pages = 1;
    sessionStorage.setItem(SAVED, JSON.stringify(state));
    render();
    reload().catch(() => {});
  }

  return {
    render,
    reload,
    /** A live change: reload soon, coalescing bursts into one request. */
    changed: () => {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => reload().catch(() => {}), 250);
    },
    select(ticketId) {
      selected = ticketId;
      renderList();
    },
    /** The ticket before or after the selected one in the list's order (keyboard navigation). */
    neighbour(step) {
      const index = tickets.findIndex(ticket => ticket.id === selected);
      return tickets[Math.min(tickets.length - 1, Math.max(0, index + step))]?.id ?? null;
    },
  };
}
