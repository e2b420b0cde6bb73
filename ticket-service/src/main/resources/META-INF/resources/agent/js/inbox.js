// The inbox: mine / unassigned / all (supervisors), filters, most urgent and soonest due first
// (the API's sort=priority). Reloaded on every live change it may concern.

import { api } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';
import { countdown } from './countdown.js';

const SAVED = 'supportflow.console.inbox';
const ACTIVE = 'NEW,OPEN,PENDING';

export function createInbox({ root, user, onOpen }) {
  const supervisor = user.roles.includes('supervisor') || user.roles.includes('admin');
  const state = {
    view: 'mine', status: ACTIVE, priority: '', channelId: '', sla: '',
    ...JSON.parse(sessionStorage.getItem(SAVED) ?? '{}'),
  };
  if (state.view === 'all' && !supervisor) state.view = 'mine';
  let tickets = [];
  let selected = null;
  let reloadTimer = null;
  const channels = new Set();

  const list = el('ul', { class: 'ticket-list', 'aria-live': 'polite', 'data-testid': 'ticket-list' });
  const count = el('p', { class: 'count' });
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

  function render() {
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
        el('label', {}, t('channel'), el('input', {
          name: 'channelId', list: 'channel-options', value: state.channelId, size: 12,
          on: { change: e => { state.channelId = e.target.value.trim(); changed(); } },
        }), channelOptions),
        select('sla', t('sla'), [['', t('any')], ['at_risk', t('atRisk')], ['breached', t('breached')]])),
      count, list);
    renderList();
  }

  function renderList() {
    count.textContent = t('ticketCount', tickets.length);
    replace(channelOptions, [...channels].sort().map(id => el('option', { value: id })));
    if (!tickets.length) {
      replace(list, el('li', { class: 'empty', text: t('noTickets') }));
      return;
    }
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
  }

  function query() {
    const params = new URLSearchParams({ sort: 'priority', size: '100' });
    if (state.view === 'mine') params.set('assignee', 'me');
    if (state.view === 'unassigned') params.set('assignee', 'none');
    for (const name of ['status', 'priority', 'channelId', 'sla']) if (state[name]) params.set(name, state[name]);
    return params;
  }

  async function reload() {
    const params = query();
    const { body } = await api(`/api/v1/tickets?${params}`);
    tickets = body.items;
    list.dataset.query = params.toString();
    tickets.forEach(ticket => ticket.channelId && channels.add(ticket.channelId));
    renderList();
  }

  function changed() {
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
