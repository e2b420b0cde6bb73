// The agent console's entry point: sign-in, the layout, live updates, language and keyboard shortcuts.

import * as auth from './auth.js';
import { whenSessionLost, api } from './api.js';
import { el, replace, $ } from './dom.js';
import { t, language, setLanguage } from './i18n.js';
import { followTickets } from './live.js';
import { createInbox } from './inbox.js';
import { createTicketView } from './ticket.js';

const SIGNED_OUT = 'supportflow.console.signedOut';
const PRESENCE = 'supportflow.console.presence';
const app = $('#app');
let leaving = false;
let refreshUi = () => {};

/** The session is gone (refresh refused): back through Keycloak, to the same ticket; drafts stay stored. */
function sessionLost() {
  if (leaving) return;
  leaving = true;
  auth.signIn(location.hash).catch(() => { leaving = false; });
}

function languageToggle() {
  return el('button', { type: 'button', class: 'link', lang: language() === 'ko' ? 'en' : 'ko',
    'data-testid': 'language', text: t('otherLanguage'),
    on: { click: () => { setLanguage(language() === 'ko' ? 'en' : 'ko'); document.title = t('title'); refreshUi(); } } });
}

function showSignIn(message) {
  refreshUi = () => showSignIn(message);
  replace(app, el('main', { class: 'signin' },
    el('h1', { text: t('title') }),
    message ? el('p', { class: 'notice notice-info', text: message }) : null,
    el('button', { type: 'button', class: 'primary', 'data-testid': 'sign-in', text: t('signIn'),
      on: { click: () => { sessionStorage.removeItem(SIGNED_OUT); auth.signIn(location.hash); } } }),
    languageToggle()));
}

function presenceControl(user) {
  const saved = JSON.parse(localStorage.getItem(`${PRESENCE}.${user.name}`) ?? 'null')
    ?? { status: 'ONLINE', capacity: 5, skills: ['ko', 'en'] };
  const status = el('select', { 'aria-label': t('presence'), 'data-testid': 'presence' },
    ['ONLINE', 'AWAY', 'OFFLINE'].map(s => el('option', { value: s, text: t(s), selected: s === saved.status })));
  const capacity = el('input', { type: 'number', min: 0, max: 50, value: saved.capacity, 'aria-label': t('capacity'),
    class: 'capacity' });
  const update = async () => {
    const body = { status: status.value, capacity: Number(capacity.value), skills: saved.skills };
    try {
      await api('/api/v1/agents/me/presence', { method: 'PUT', body });
      localStorage.setItem(`${PRESENCE}.${user.name}`, JSON.stringify(body));
    } catch {
      status.value = saved.status;
    }
  };
  status.addEventListener('change', update);
  capacity.addEventListener('change', update);
  return el('span', { class: 'presence' }, status, el('label', {}, t('capacity'), capacity));
}

function showConsole() {
  const user = auth.user();
  const liveBadge = el('span', { class: 'live', 'data-testid': 'live', 'data-connected': 'false',
    text: t('reconnecting') });
  const inboxPane = el('nav', { class: 'inbox', 'aria-label': t('inbox') });
  const ticketPane = el('main', { class: 'ticket-pane', 'data-testid': 'ticket' },
    el('p', { class: 'placeholder', text: t('selectTicket') }));
  const openTicket = id => { location.hash = `#ticket/${encodeURIComponent(id)}`; };
  const inbox = createInbox({ root: inboxPane, user, onOpen: openTicket });
  const ticket = createTicketView({ root: ticketPane, user, onOpen: openTicket });

  const header = () => el('header', { class: 'top' },
    el('h1', { text: t('title') }),
    liveBadge,
    presenceControl(user),
    el('span', { class: 'user', 'data-testid': 'user', text: user.name }),
    languageToggle(),
    el('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', text: t('signOut'),
      on: { click: () => { sessionStorage.setItem(SIGNED_OUT, '1'); auth.signOut(); } } }));

  refreshUi = () => {
    liveBadge.textContent = t(liveBadge.dataset.connected === 'true' ? 'live' : 'reconnecting');
    app.firstChild.replaceWith(header());
    inbox.render();
    ticket.rerender();
  };

  replace(app, header(), el('div', { class: 'layout' }, inboxPane, ticketPane),
    el('footer', { class: 'shortcuts', text: t('shortcuts') }));
  inbox.render();
  inbox.reload().catch(() => {});

  const route = () => {
    const match = /^#ticket\/(.+)$/.exec(location.hash);
    if (!match) return;
    const id = decodeURIComponent(match[1]);
    inbox.select(id);
    ticket.open(id);
  };
  window.addEventListener('hashchange', route);
  route();

  followTickets({
    onChange: change => {
      inbox.changed();
      ticket.changed(change.ticketId);
    },
    onStatus: connected => {
      liveBadge.dataset.connected = String(connected);
      liveBadge.textContent = t(connected ? 'live' : 'reconnecting');
      if (connected) {
        inbox.reload().catch(() => {});
        if (ticket.current()) ticket.changed(ticket.current());
      }
    },
  });

  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('input, textarea, select')) return;
    if (e.key === 'r' || e.key === 'n') {
      e.preventDefault();
      ticket.focusCompose(e.key === 'r' ? 'reply' : 'note');
    } else if (e.key === 'j' || e.key === 'k') {
      const next = inbox.neighbour(e.key === 'j' ? 1 : -1);
      if (next) openTicket(next);
    }
  });
}

async function start() {
  document.title = t('title');
  whenSessionLost(sessionLost);
  try {
    await auth.init(sessionLost);
  } catch (e) {
    replace(app, el('p', { class: 'notice notice-error', text: t('error', e.message) }));
    return;
  }
  let signedIn = false;
  try {
    signedIn = await auth.completeSignIn();
  } catch (e) {
    showSignIn(t('signInFailed', e.message));
    return;
  }
  if (signedIn) {
    sessionStorage.removeItem(SIGNED_OUT);
    showConsole();
  } else {
    showSignIn(sessionStorage.getItem(SIGNED_OUT) ? t('signedOut') : null);
  }
}

start();
