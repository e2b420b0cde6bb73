// The operator dashboard's entry point: sign-in (supervisors and admins), the filters, the charts over time, the
// domain actions' table and the labelling of messages the bot did not understand. State (range, channel) lives in the URL's hash.

import * as auth from '/shared/js/auth.js';
import { api, ApiError } from '/shared/js/api.js';
import { startSession, signIn, signOut } from '/shared/js/session.js';
import { el, replace, $ } from '/shared/js/dom.js';
import { t, language, setLanguage, percent, number, minutes, bucketLabel, dateTime } from './i18n.js';
import { chartFigure, destroyAll } from './charts.js';

const SIGNED_OUT = 'supportflow.dashboard.signedOut';
const OPERATOR_ROLES = ['supervisor', 'admin'];
const RANGES = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30 };
/** The active domain's intent names (GET /api/v1/analytics/intents), read once after sign-in; [] while unknown. */
let intentNames = [];

async function loadIntents() {
  try {
    const response = await api('/api/v1/analytics/intents');
    intentNames = (response.body.intents ?? []).map(i => i.name);
  } catch {
    intentNames = [];
  }
}

/**
 * The label field of one message: the active domain's intents, or, while the NLU has not published its domain,
 * a text field for an intent name (the API accepts any well-formed one then).
 */
function intentChoice(message) {
  const label = t('chooseIntent', dateTime(message.receivedAt));
  const currentIntent = message.label?.intent ?? message.intent ?? '';
  if (intentNames.length === 0) {
    return el('input', { type: 'text', 'aria-label': label, 'data-testid': 'label-intent', pattern: '[a-z0-9_]+',
      value: currentIntent });
  }
  return el('select', { 'aria-label': label, 'data-testid': 'label-intent' },
    intentNames.map(intent => el('option', { value: intent, text: intent, selected: intent === currentIntent })));
}

const app = $('#app');
let leaving = false;
let refreshUi = () => {};

function sessionLost() {
  if (leaving) return;
  leaving = true;
  signIn(SIGNED_OUT).catch(() => { leaving = false; });
}

function languageToggle() {
  return el('button', { type: 'button', class: 'link', lang: language() === 'ko' ? 'en' : 'ko',
    'data-testid': 'language', text: t('otherLanguage'),
    on: { click: () => { setLanguage(language() === 'ko' ? 'en' : 'ko'); document.title = t('title'); refreshUi(); } } });
}

function signOutButton() {
  return el('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', text: t('signOut'),
    on: { click: () => signOut(SIGNED_OUT) } });
}

function showSignIn(message) {
  refreshUi = () => showSignIn(message);
  replace(app, el('main', { class: 'signin' },
    el('h1', { text: t('title') }),
    message ? el('p', { class: 'notice', text: message }) : null,
    el('button', { type: 'button', class: 'primary', 'data-testid': 'sign-in', text: t('signIn'),
      on: { click: () => signIn(SIGNED_OUT) } }),
    ' ', languageToggle()));
}

function showForbidden(user) {
  refreshUi = () => showForbidden(user);
  destroyAll();
  replace(app, el('main', { class: 'forbidden', 'data-testid': 'forbidden' },
    el('h1', { text: t('forbiddenTitle') }),
    el('p', { class: 'notice notice-error', text: t('forbidden', user?.name ?? '') }),
    signOutButton(), ' ', languageToggle()));
}

/** The filters as kept in the hash: {range: '24h'|'7d'|'30d'|'custom', from, to, channel}. */
function readState() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const state = { range: params.get('range') ?? '7d', channel: params.get('channel') ?? '' };
  if (params.get('from') || params.get('to')) {
    state.range = 'custom';
    state.from = params.get('from') ?? '';
    state.to = params.get('to') ?? '';
  }
  if (state.range !== 'custom' && !RANGES[state.range]) state.range = '7d';
  return state;
}

function writeState(state) {
  const params = new URLSearchParams();
  if (state.range === 'custom') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
  } else {
    params.set('range', state.range);
  }
  if (state.channel) params.set('channel', state.channel);
  history.replaceState(null, '', `${location.pathname}#${params}`);
}

/** The API's query for the state: a relative range ends now. */
function query(state) {
  const params = new URLSearchParams();
  if (state.range === 'custom') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
  } else {
    const to = new Date();
    params.set('from', new Date(to.getTime() - RANGES[state.range] * 3_600_000).toISOString());
    params.set('to', to.toISOString());
  }
  if (state.channel) params.set('channelId', state.channel);
  return params;
}

/** datetime-local value (the browser's local time, to the second) <-> ISO instant. */
const toLocalInput = iso => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};
const fromLocalInput = value => (value ? new Date(value).toISOString() : '');

function filtersForm(state, channels, onChange) {
  const range = el('select', { id: 'f-range', 'data-testid': 'range' },
    ['24h', '7d', '30d', 'custom'].map(r => el('option', { value: r, selected: r === state.range,
      text: t({ '24h': 'last24h', '7d': 'last7d', '30d': 'last30d', custom: 'custom' }[r]) })));
  const from = el('input', { id: 'f-from', type: 'datetime-local', step: '1', 'data-testid': 'from', value: toLocalInput(state.from) });
  const to = el('input', { id: 'f-to', type: 'datetime-local', step: '1', 'data-testid': 'to', value: toLocalInput(state.to) });
  const known = new Set(channels);
  if (state.channel) known.add(state.channel);
  const channel = el('select', { id: 'f-channel', 'data-testid': 'channel' },
    el('option', { value: '', text: t('allChannels') }),
    [...known].sort().map(c => el('option', { value: c, text: c, selected: c === state.channel })));
  const customFields = [el('label', { for: 'f-from' }, t('from'), from), el('label', { for: 'f-to' }, t('to'), to)];
  const showCustom = () => customFields.forEach(f => { f.hidden = range.value !== 'custom'; });
  showCustom();
  const changed = () => {
    const next = { range: range.value, channel: channel.value };
    if (next.range === 'custom') {
      next.from = fromLocalInput(from.value) || state.from || '';
      next.to = fromLocalInput(to.value) || state.to || '';
    }
    onChange(next);
  };
  range.addEventListener('change', () => { showCustom(); if (range.value !== 'custom') changed(); });
  channel.addEventListener('change', changed);
  return el('form', { class: 'filters', 'aria-label': t('filters'), on: { submit: e => { e.preventDefault(); changed(); } } },
    el('label', { for: 'f-range' }, t('range'), range),
    customFields,
    el('label', { for: 'f-channel' }, t('channel'), channel),
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'apply', text: t('apply') }));
}

function kpis(totals) {
  const figures = [
    ['conversations', number(totals.conversations)], ['messages', number(totals.messages)],
    ['involvementRate', percent(totals.involvementRate)], ['answerRate', percent(totals.answerRate)],
    ['deflectionRate', percent(totals.deflectionRate)], ['resolutionRate', percent(totals.resolutionRate)],
    ['automationRate', percent(totals.automationRate)], ['handoffs', number(totals.handoffs)],
    ['unrecognizedCount', number(totals.unrecognized)],
    ['firstResponseP50', minutes(totals.firstResponseSecondsP50)],
    ['firstResponseP90', minutes(totals.firstResponseSecondsP90)],
    ['resolutionP50', minutes(totals.resolutionSecondsP50)], ['resolutionP90', minutes(totals.resolutionSecondsP90)],
    ['csatAverage', number(totals.csatAverage, 2)],
  ];
  return el('dl', { class: 'kpis', 'data-testid': 'totals' },
    figures.map(([key, value]) => el('div', {}, el('dt', { text: t(key) }),
      el('dd', { 'data-figure': key, text: value }))));
}

function charts(series) {
  const labels = series.points.map(p => bucketLabel(p.start, series.bucket));
  const values = key => series.points.map(p => p[key]);
  const totals = series.totals;
  const reasons = Object.entries(totals.handoffReasons).filter(([, n]) => n > 0);
  const csat = series.csatByChannel;
  const intents = series.topIntents;
  const list = entries => (entries.length ? entries.join(', ') : t('nothing'));
  return el('div', { class: 'charts' },
    chartFigure({ id: 'volume', title: t('chartVolume'), labels, format: v => number(v),
      series: [{ key: 'conversations', label: t('conversations'), values: values('conversations') },
        { key: 'messages', label: t('messages'), values: values('messages') }],
      summary: t('summaryVolume', totals.conversations, totals.messages, labels.length) }),
    chartFigure({ id: 'automation', title: t('chartAutomation'), labels, format: percent, percent: true,
      series: ['involvementRate', 'answerRate', 'deflectionRate', 'resolutionRate', 'automationRate']
        .map(key => ({ key, label: t(key), values: values(key) })),
      summary: t('summaryAutomation', percent(totals.involvementRate), percent(totals.resolutionRate),
        percent(totals.automationRate)) }),
    chartFigure({ id: 'handoffs', title: t('chartHandoffs'), type: 'bar', stacked: true, labels, format: v => number(v),
      series: reasons.map(([reason]) => ({ key: reason, label: reason,
        values: series.points.map(p => p.handoffReasons[reason] ?? 0) })),
      summary: t('summaryHandoffs', totals.handoffs, list(reasons.map(([r, n]) => `${r} ${n}`))) }),
    chartFigure({ id: 'times', title: t('chartTimes'), labels, format: v => number(v, 1),
      series: [['firstResponseSecondsP50', 'firstResponseP50'], ['firstResponseSecondsP90', 'firstResponseP90'],
        ['resolutionSecondsP50', 'resolutionP50'], ['resolutionSecondsP90', 'resolutionP90']]
        .map(([key, label]) => ({ key, label: t(label), values: values(key).map(s => (s == null ? null : s / 60)) })),
      summary: t('summaryTimes', minutes(totals.firstResponseSecondsP50), minutes(totals.firstResponseSecondsP90),
        minutes(totals.resolutionSecondsP50), minutes(totals.resolutionSecondsP90)) }),
    chartFigure({ id: 'csat', title: t('chartCsat'), type: 'bar', labels: csat.map(c => c.channelId),
      format: v => number(v, 2),
      series: [{ key: 'average', label: t('average'), values: csat.map(c => c.average) },
        { key: 'responses', label: t('responses'), values: csat.map(c => c.responses) }],
      summary: t('summaryCsat', list(csat.map(c => `${c.channelId} ${number(c.average, 2)} (${c.responses})`))) }),
    chartFigure({ id: 'intents', title: t('chartIntents'), labels, format: v => number(v),
      series: intents.map(i => ({ key: i.intent, label: i.intent, values: i.trend })),
      summary: t('summaryIntents', list(intents.map(i => `${i.intent} ${i.count}`))) }));
}

const ACTION_COLUMNS = ['action', 'calls', 'failureRate', 'meanMs', 'p95Ms', 'formsStarted', 'formsCompleted',
  'completionRate'];

/** One row per domain action of the range (GET /api/v1/analytics/actions): calls, latency and forms. */
function actionsSection(actions) {
  const rows = actions.map(a => el('tr', { 'data-action': a.action },
    el('th', { scope: 'row', text: a.action }),
    [number(a.calls), percent(a.failureRate), number(a.meanMillis), number(a.p95Millis), number(a.forms.started),
      number(a.forms.completed), percent(a.forms.completionRate)]
      .map((value, i) => el('td', { class: 'num', 'data-figure': ACTION_COLUMNS[i + 1], text: value }))));
  return el('section', { class: 'panel actions', 'aria-labelledby': 'title-actions', 'data-testid': 'actions' },
    el('h2', { id: 'title-actions', text: t('actions') }),
    el('p', { class: 'hint', text: t('actionsHint') }),
    actions.length === 0 ? el('p', { text: t('noActions') }) : el('table', {},
      el('thead', {}, el('tr', {}, ACTION_COLUMNS.map((key, i) =>
        el('th', { scope: 'col', class: i === 0 ? null : 'num', text: t(key) })))),
      el('tbody', {}, rows)));
}

function unrecognizedSection(messages, onLabel) {
  const rows = messages.map(m => {
    const current = el('span', { 'data-testid': 'label', 'data-intent': m.label?.intent ?? '',
      text: m.label ? t('labeled', m.label.intent, m.label.labeledBy) : t('notLabeled') });
    const choice = intentChoice(m);
    const save = el('button', { type: 'button', 'data-testid': 'save-label', text: t('saveLabel'),
      on: { click: () => onLabel(m, choice.value, current, save) } });
    return el('tr', { 'data-message-id': m.id },
      el('td', { text: dateTime(m.receivedAt) }), el('td', { text: m.channelId ?? '' }),
      el('td', { text: m.language ?? '' }),
      el('td', { text: `${m.intent ?? '–'}${m.confidence == null ? '' : ` (${percent(m.confidence)})`}` }),
      el('td', { class: 'masked', 'data-testid': 'masked-text', text: m.maskedText }),
      el('td', {}, current), el('td', {}, choice, ' ', save));
  });
  return el('section', { class: 'unrecognized', 'aria-labelledby': 'title-unrecognized', 'data-testid': 'unrecognized' },
    el('h2', { id: 'title-unrecognized', text: t('unrecognized') }),
    el('p', { class: 'hint', text: t('unrecognizedHint') }),
    messages.length === 0 ? el('p', { text: t('noUnrecognized') }) : el('table', {},
      el('thead', {}, el('tr', {}, ['received', 'channel', 'language', 'botIntent', 'text', 'label', 'label']
        .map((key, i) => el('th', { scope: 'col', text: i === 6 ? '' : t(key) })))),
      el('tbody', {}, rows)));
}

function showDashboard() {
  const user = auth.user();
  if (!user.roles.some(role => OPERATOR_ROLES.includes(role))) {
    showForbidden(user);
    return;
  }
  let state = readState();
  let lastSeries = null;
  let lastMessages = [];
  let lastActions = [];
  let generation = 0;
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
  const body = el('div', { 'data-testid': 'dashboard' });
  const filtersSlot = el('div');

  const header = () => el('header', { class: 'top' },
    el('h1', { text: t('title') }),
    el('span', { class: 'user', 'data-testid': 'user', text: user.name }),
    languageToggle(), signOutButton());

  const label = async (message, intent, current, button) => {
    button.disabled = true;
    try {
      await api(`/api/v1/analytics/unrecognized/${encodeURIComponent(message.id)}/label`,
        { method: 'PUT', body: { intent } });
      message.label = { intent, labeledBy: user.name, labeledAt: new Date().toISOString() };
      current.textContent = t('labeled', intent, user.name);
      current.dataset.intent = intent;
      status.textContent = t('saved');
    } catch (e) {
      status.textContent = t('error', e.message);
    } finally {
      button.disabled = false;
    }
  };

  const render = () => {
    replace(filtersSlot, filtersForm(state, lastSeries?.channels ?? [], next => {
      state = next;
      writeState(state);
      load();
    }));
    if (!lastSeries) return;
    destroyAll();
    replace(body, kpis(lastSeries.totals), charts(lastSeries), actionsSection(lastActions),
      unrecognizedSection(lastMessages, label));
    body.dataset.query = lastSeries.query;
    status.textContent = t('updated', dateTime(lastSeries.generatedAt), dateTime(lastSeries.from),
      dateTime(lastSeries.to), t(lastSeries.bucket));
  };

  async function load() {
    const mine = ++generation;
    status.textContent = t('loading');
    body.setAttribute('aria-busy', 'true');
    const params = query(state);
    try {
      const [series, unrecognized, actions] = await Promise.all([
        api(`/api/v1/analytics/timeseries?${params}`),
        api(`/api/v1/analytics/unrecognized?${params}&limit=50`),
        api(`/api/v1/analytics/actions?${params}`),
      ]);
      if (mine !== generation) return;
      lastSeries = { ...series.body, query: params.toString() };
      lastMessages = unrecognized.body.messages;
      lastActions = actions.body.actions;
      render();
    } catch (e) {
      if (mine !== generation) return;
      if (e instanceof ApiError && e.status === 403) { showForbidden(user); return; }
      status.textContent = t('error', e.message);
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  refreshUi = () => { app.firstChild.replaceWith(header()); render(); };
  replace(app, header(), filtersSlot, status, body);
  writeState(state);
  render();
  loadIntents().then(load);
}

async function start() {
  document.title = t('title');
  await startSession({
    basePath: '/dashboard/', signedOutKey: SIGNED_OUT, onExpired: sessionLost, showPage: showDashboard,
    showSignIn: ({ failed, signedOut }) => showSignIn(
      failed ? t('signInFailed', failed.message) : signedOut ? t('signedOut') : null),
    showError: e => replace(app, el('p', { class: 'notice notice-error', text: t('error', e.message) })),
  });
}

start();
