// The agent console's entry point: sign-in, the layout, live updates, language and keyboard shortcuts.

import * as auth from '/shared/js/auth.js';
import { api } from '/shared/js/api.js';
import { startSession, signIn, signOut } from '/shared/js/session.js';
import { el, replace, $ } from '/shared/js/dom.js';
import { t, language, setLanguage } from './i18n.js';
import { followTickets } from './live.js';
import { createInbox } from './inbox.js';
import { createTicketView } from './ticket.js';

const SIGNED_OUT = 'supportflow.console.signedOut';
const PRESENCE = 'supportflow.console.presence';
const SHORTCUT_CODES = { KeyR: 'r', KeyN: 'n', KeyJ: 'j', KeyK: 'k' };
const app = $('#app');
let refreshUi = () => {};
// What the signed-in console runs: its live stream and its window/document listeners, ended with the session.
let consoleRun = null;

/**
 * The session is gone (refresh refused, or an API call refused after a refresh): the console stops using the
 * old token (no stream, no calls) and says so; signing in again comes back to the same ticket, where the
 * drafts (sessionStorage) are still in the reply and note boxes.
 */
function sessionLost() {
  if (!consoleRun) return;
  consoleRun.stop();
  consoleRun = null;
  showSignIn(t('sessionExpired'), 'session-expired');
}

function languageToggle() {
  return el('button', { type: 'button', class: 'link', lang: language() === 'ko' ? 'en' : 'ko',
    'data-testid': 'language', text: t('otherLanguage'),
    on: { click: () => { setLanguage(language() === 'ko' ? 'en' : 'ko'); document.title = t('title'); refreshUi(); } } });
}

/** The signed-out page; `reason` names the message for tests and assistive technology (role=alert). */
function showSignIn(message, reason = 'signed-out') {
  refreshUi = () => showSignIn(message, reason);
  replace(app, el('main', { class: 'signin' },
    el('h1', { text: t('title') }),
    message ? el('p', { class: 'notice notice-info', role: 'alert', 'data-testid': 'signin-message',
      'data-reason': reason, text: message }) : null,
    el('button', { type: 'button', class: 'primary', 'data-testid': 'sign-in', text: t('signIn'),
      on: { click: () => signIn(SIGNED_OUT) } }),
    languageToggle()));
  app.querySelector('[data-testid=sign-in]').focus();
}

/**
 * Presence and capacity, sent to routing (PUT /api/v1/agents/me/presence). The API keeps no readable state, so
 * the control shows what this browser last set; until then "—", and nothing is sent before a status is chosen.
 */
function presenceControl(user) {
  const stored = `${PRESENCE}.${user.name}`;
  let saved = JSON.parse(localStorage.getItem(stored) ?? 'null');
  const status = el('select', { 'data-testid': 'presence' },
    saved ? null : el('option', { value: '', text: '—', selected: true }),
    ['ONLINE', 'AWAY', 'OFFLINE'].map(s => el('option', { value: s, text: t(s), selected: s === saved?.status })));
  const capacity = el('input', { type: 'number', min: 0, max: 50, value: saved?.capacity ?? 5, class: 'capacity',
    'data-testid': 'capacity' });
  const result = el('span', { class: 'presence-result', role: 'status', 'data-testid': 'presence-result' });
  const update = async () => {
    if (!status.value || !capacity.checkValidity()) return;
    const body = { status: status.value, capacity: Number(capacity.value), skills: saved?.skills ?? ['ko', 'en'] };
    try {
      await api('/api/v1/agents/me/presence', { method: 'PUT', body });
      saved = body;
      localStorage.setItem(stored, JSON.stringify(body));
      status.querySelector('option[value=""]')?.remove();
      result.dataset.state = 'saved';
      result.textContent = t('presenceSaved', t(body.status), body.capacity);
    } catch (e) {
      status.value = saved?.status ?? '';
      result.dataset.state = 'error';
      result.textContent = t('error', e.message);
    }
  };
  status.addEventListener('change', update);
  capacity.addEventListener('change', update);
  return el('span', { class: 'presence' }, el('label', {}, t('presence'), status),
    el('label', {}, t('capacity'), capacity), result);
}

function showConsole() {
  const user = auth.user();
  // data-connections counts the stream's (re)connections: it ends with the token that opened it.
  const liveBadge = el('span', { class: 'live', 'data-testid': 'live', 'data-connected': 'false',
    'data-connections': '0', text: t('reconnecting') });
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
      on: { click: () => {
        consoleRun?.stop();
        consoleRun = null;
        signOut(SIGNED_OUT);
      } } }));

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
  const listening = new AbortController();
  window.addEventListener('hashchange', route, { signal: listening.signal });
  route();

  const live = followTickets({
    onChange: change => {
      inbox.changed();
      ticket.changed(change.ticketId);
    },
    onStatus: connected => {
      liveBadge.dataset.connected = String(connected);
      liveBadge.textContent = t(connected ? 'live' : 'reconnecting');
      if (connected) {
        liveBadge.dataset.connections = String(Number(liveBadge.dataset.connections) + 1);
        inbox.reload().catch(() => {});
        if (ticket.current()) ticket.changed(ticket.current());
      }
    },
  });

  // Shortcuts, never while typing in a field. By the key's position as well as its letter, so they also work
  // with a Korean keyboard layout (where the r key types ㄱ).
  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.isComposing) return;
    if (e.target.closest?.('input, textarea, select, [contenteditable]')) return;
    const key = SHORTCUT_CODES[e.code] ?? e.key;
    if (key === 'r' || key === 'n') {
      e.preventDefault();
      ticket.focusCompose(key === 'r' ? 'reply' : 'note');
    } else if (key === 'j' || key === 'k') {
      const next = inbox.neighbour(key === 'j' ? 1 : -1);
      if (next) openTicket(next);
    }
  }, { signal: listening.signal });

  consoleRun = { stop: () => { live.stop(); listening.abort(); } };
}

async function start() {
  document.title = t('title');
  await startSession({
    basePath: '/agent/', signedOutKey: SIGNED_OUT, onExpired: sessionLost, showPage: showConsole,
    showSignIn: ({ failed, signedOut }) => showSignIn(
      failed ? t('signInFailed', failed.message) : signedOut ? t('signedOut') : null),
    showError: e => replace(app, el('p', { class: 'notice notice-error', text: t('error', e.message) })),
  });
}

start();
