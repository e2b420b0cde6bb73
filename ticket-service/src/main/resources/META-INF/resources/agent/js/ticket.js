// One ticket: the transcript with NLU annotations, the bot's part in short, the customer and their
// earlier tickets, SLA countdowns and CSAT; replying, notes, intent corrections, and status / priority /
// assignee / tags under optimistic locking (If-Match: a newer version is shown, never overwritten).

import { api, ApiError } from '/shared/js/api.js';
import { el, replace } from '/shared/js/dom.js';
import { t, dateTime, language } from './i18n.js';
import { countdown } from './countdown.js';
import { loadDraft, saveDraft } from './drafts.js';

/** The intents an agent may correct a message to: the active domain bundle's (GET /api/v1/intents). */
let intents = null;
async function loadIntents() {
  if (intents) return intents;
  try {
    intents = (await api('/api/v1/intents')).body.intents.map(intent => intent.name);
  } catch {
    return [];
  }
  return intents;
}
const STATUSES = ['NEW', 'OPEN', 'PENDING', 'SOLVED', 'CLOSED'];
const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const DELIVERY_HINTS = { kakao: 'deliveryKakao', messenger: 'deliveryMessenger', instagram: 'deliveryMessenger',
  email: 'deliveryEmail', sms: 'deliverySms', web: 'deliveryWeb' };
const SENTIMENT_MARKS = { positive: '▲', neutral: '●', negative: '▼' };

/** A call's outcome that is the system's answer (ok, or a status it gives on purpose such as 404). */
const isAnswer = outcome => outcome === 'ok' || outcome?.startsWith('status_');

/** "Bot looked up order_status (order_number): ok · HTTP 200 · 312 ms", "Bot asked for order_number"... */
function actionText(action) {
  const slots = action.slots?.length ? action.slots.join(', ') : null;
  const what = slots ? `${action.action} (${slots})` : action.action;
  switch (action.step) {
    case 'CALLED': {
      const call = action.call ?? {};
      const facts = [call.outcome, call.httpStatus ? `HTTP ${call.httpStatus}` : null,
        call.millis != null ? `${call.millis} ms` : null].filter(Boolean).join(' · ');
      return t(isAnswer(call.outcome) ? 'actionCalled' : 'actionFailed', what, facts);
    }
    case 'ASKED': return t(action.attempt > 0 ? 'actionAskedAgain' : 'actionAsked', slots ?? action.action);
    case 'IDENTITY_REQUIRED': return t('actionIdentity', action.action);
    case 'GAVE_UP': return t('actionGaveUp', slots ?? action.action);
    case 'ABANDONED': return t('actionAbandoned', action.action);
    default: return `${action.action}: ${action.step}`;
  }
}

const editable = ticket => ({
  status: ticket.status, priority: ticket.priority, assignee: ticket.assignee ?? '',
  tags: ticket.tags.join(', '),
});

export function createTicketView({ root, user, onOpen }) {
  let ticketId = null;
  let detail = null;
  let etag = null;
  let baseline = null;     // the editable fields as of the version being edited
  let dirty = false;       // the agent changed the form since baseline
  let composeKind = 'reply';
  const notice = el('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const conflictBox = el('div', { class: 'conflict', role: 'alert', 'data-testid': 'conflict', hidden: true });
  let form = null;
  let composeNode = null;
  let composeKey = null;

  function say(text, kind = 'info') {
    notice.className = `notice notice-${kind}`;
    notice.textContent = text;
  }

  async function open(id) {
    if (id !== ticketId) {
      ticketId = id;
      dirty = false;
      conflictBox.hidden = true;
      say('');
      replace(root, el('p', { text: t('loading') }));
    }
    await load();
  }

  let domainIntents = [];

  async function load() {
    domainIntents = await loadIntents();
    const id = ticketId;
    try {
      const answer = await api(`/api/v1/tickets/${encodeURIComponent(id)}`);
      if (id !== ticketId) return;
      detail = answer.body;
      // An unsaved edit stays tied to the version it started from: saving it then meets the newer one (412).
      if (!dirty) {
        etag = answer.etag;
        baseline = editable(detail.ticket);
      }
      render();
    } catch (e) {
      if (id !== ticketId) return;
      replace(root, el('p', { class: 'notice notice-error',
        text: e instanceof ApiError && e.status === 403 ? t('forbidden') : t('error', e.message) }));
    }
  }

  function render() {
    const ticket = detail.ticket;
    const scroller = root.querySelector('.transcript');
    const atBottom = !scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 20;
    const focused = document.activeElement?.dataset?.keep;
    if (!dirty || !form) form = editForm(ticket);
    replace(root,
      el('header', { class: 'ticket-head' },
        el('h2', { text: `${t(ticket.status)} · ${ticket.id}`, 'data-testid': 'ticket-title' }),
        el('p', { class: 'badges' },
          el('span', { class: `badge priority-${ticket.priority.toLowerCase()}`, text: t(ticket.priority) }),
          el('span', { class: 'badge', text: `${t('handoffReason')}: ${detail.handoffReason ?? t('none')}`,
            'data-testid': 'handoff-reason' }),
          el('span', { class: 'badge', text: `${t('version')} ${ticket.version}`, 'data-testid': 'version' }),
          countdown(t('firstResponse'), ticket.sla.firstResponse),
          countdown(t('resolution'), ticket.sla.resolution),
          csat(ticket.csat)),
        notice, conflictBox),
      botSummary(),
      el('div', { class: 'ticket-body' },
        el('section', { class: 'transcript-pane' },
          el('ol', { class: 'transcript', 'data-testid': 'transcript' }, detail.transcript.map(entry))),
        el('div', { class: 'context' }, suggestions(), form, customer())),
      composeSection());
    const transcript = root.querySelector('.transcript');
    if (atBottom) transcript.scrollTop = transcript.scrollHeight;
    if (focused) root.querySelector(`[data-keep="${CSS.escape(focused)}"]`)?.focus();
  }

  function csat(value) {
    if (!value || value.status === 'NONE') return null;
    return el('span', { class: 'badge', 'data-testid': 'csat', text: `${t('csat')}: ${
      value.status === 'RECORDED' ? t('csatScore', value.score) : t('csatAsked')}` });
  }

  /** The bot's part at a glance: the intents it recognised, in order, and the sentiment of each message. */
  function botSummary() {
    const understood = detail.transcript.filter(item => item.author === 'customer' && item.nlu);
    if (!understood.length) return null;
    const intents = [];
    const entities = new Set(understood.flatMap(item => item.nlu.entities ?? [])
      .map(entity => `${entity.type}: ${entity.value}`));
    for (const item of understood) {
      const intent = item.nlu.correctedIntent ?? item.nlu.intent;
      if (intent && intents.at(-1) !== intent) intents.push(intent);
    }
    return el('section', { class: 'summary', 'data-testid': 'bot-summary' },
      el('h3', { text: t('summary') }),
      el('p', {}, el('strong', { text: `${t('intents')}: ` }), intents.join(' → ')),
      entities.size ? el('p', {}, el('strong', { text: `${t('entities')}: ` }), [...entities].join(', ')) : null,
      el('p', {}, el('strong', { text: `${t('sentimentTrend')}: ` }),
        understood.map(item => item.nlu.sentiment).filter(Boolean)
          .map(s => el('span', { class: `sentiment sentiment-${s}`, title: t(s), text: SENTIMENT_MARKS[s] ?? s }))));
  }

  /** The knowledge-base answers the NLU found for the customer's messages, the latest message's first. */
  function suggestions() {
    const seen = new Set();
    const answers = [];
    for (const item of [...detail.transcript].reverse()) {
      const answer = item.author === 'customer' ? item.nlu?.answer : null;
      if (answer && !seen.has(answer.answerId ?? answer.text)) {
        seen.add(answer.answerId ?? answer.text);
        answers.push(answer);
      }
    }
    if (!answers.length) return null;
    return el('section', { class: 'assist', 'data-testid': 'suggestions' },
      el('h3', { text: t('suggestions') }),
      el('ul', {}, answers.slice(0, 3).map(answer => el('li', {},
        el('p', { class: 'suggestion', text: answer.text }),
        el('button', { type: 'button', 'data-testid': 'insert-suggestion', text: t('insert'),
          on: { click: () => insertIntoReply(answer.text) } })))));
  }

  /** Puts a suggested answer into the reply box, after what is there, for the agent to edit. */
  function insertIntoReply(text) {
    const draft = loadDraft(ticketId, 'reply');
    saveDraft(ticketId, 'reply', draft ? `${draft}\n${text}` : text);
    composeKey = null;
    focusCompose('reply');
  }

  function entry(item) {
    const author = item.author;
    return el('li', { class: `msg msg-${author}`, 'data-author': author, 'data-message-id': item.messageId },
      el('p', { class: 'msg-head' },
        el('span', { class: 'msg-author', text: t(`author_${author}`) }),
        item.agentId ? el('span', { class: 'msg-agent', text: item.agentId }) : null,
        el('time', { datetime: item.occurredAt, text: dateTime(item.occurredAt) }),
        delivery(item)),
      el('p', { class: 'msg-text', text: item.text ?? '' }),
      item.quickReplies ? el('p', { class: 'msg-quick', text: item.quickReplies.join(' | ') }) : null,
      author === 'customer' && item.action ? actionLine(item.action) : null,
      author === 'customer' && item.nlu ? annotations(item) : null);
  }

  /** One line on what a domain action did with the message: asked for a slot, looked something up... */
  function actionLine(action) {
    const failed = action.step === 'CALLED' && action.call && !isAnswer(action.call.outcome);
    return el('p', { class: failed ? 'msg-action msg-action-failed' : 'msg-action', 'data-testid': 'action',
      'data-step': action.step, text: actionText(action) });
  }

  /** A delivery state, if the transcript carries one (e.g. a KakaoTalk reply still pending). */
  function delivery(item) {
    const state = typeof item.delivery === 'string' ? item.delivery : item.delivery?.status ?? item.deliveryStatus;
    return state ? el('span', { class: 'badge delivery', text: t('delivery', state) }) : null;
  }

  function annotations(item) {
    const nlu = item.nlu;
    const chooser = el('select', { 'aria-label': t('correctIntent'), 'data-testid': 'intent-choice',
      'data-keep': `intent-${item.messageId}` },
      [...new Set([...domainIntents, nlu.correctedIntent ?? nlu.intent].filter(Boolean))]
        .map(intent => el('option', { value: intent, text: intent,
        selected: intent === (nlu.correctedIntent ?? nlu.intent) })));
    return el('div', { class: 'nlu', 'data-testid': 'nlu' },
      el('dl', {},
        el('dt', { text: t('intent') }), el('dd', { 'data-field': 'intent', text: nlu.intent ?? '' }),
        el('dt', { text: t('confidence') }),
        el('dd', { 'data-field': 'confidence', text: nlu.confidence == null ? '' : `${Math.round(nlu.confidence * 100)}%` }),
        el('dt', { text: t('sentiment') }), el('dd', { 'data-field': 'sentiment', text: nlu.sentiment ? t(nlu.sentiment) : '' }),
        el('dt', { text: t('language') }), el('dd', { 'data-field': 'language', text: nlu.language ?? '' })),
      nlu.correctedIntent ? el('p', { class: 'corrected', text: t('corrected', nlu.correctedIntent, nlu.correctedBy ?? '') })
        : null,
      el('form', { class: 'correct', on: { submit: e => { e.preventDefault(); correct(item.messageId, chooser.value); } } },
        chooser, el('button', { type: 'submit', 'data-testid': 'correct-intent', 'data-keep': `correct-${item.messageId}`,
          text: t('correctIntent') })));
  }

  async function correct(messageId, intent) {
    try {
      await api(`/api/v1/tickets/${encodeURIComponent(ticketId)}/messages/${encodeURIComponent(messageId)}/intent`,
        { method: 'POST', body: { intent } });
      say(t('saved'));
      await load();
    } catch (e) {
      say(t('error', e.message), 'error');
    }
  }

  function editForm(ticket) {
    const values = dirty && form ? readForm(form) : editable(ticket);
    const field = (name, control) => el('label', {}, t(name), control);
    const markDirty = () => { dirty = true; };
    const node = el('form', { class: 'edit', 'data-testid': 'edit-form',
      on: { input: markDirty, change: markDirty, submit: e => { e.preventDefault(); save(); } } },
      field('status', el('select', { name: 'status', 'data-keep': 'edit-status' },
        STATUSES.map(s => el('option', { value: s, text: t(s), selected: s === values.status })))),
      field('priority', el('select', { name: 'priority', 'data-keep': 'edit-priority' },
        PRIORITIES.map(p => el('option', { value: p, text: t(p), selected: p === values.priority })))),
      field('assignee', el('input', { name: 'assignee', value: values.assignee, placeholder: t('nobody'),
        'data-keep': 'edit-assignee' })),
      el('button', { type: 'button', class: 'link', text: t('assignToMe'), 'data-keep': 'edit-assign-me',
        on: { click: () => { node.elements.assignee.value = user.name; dirty = true; } } }),
      field('tags', el('input', { name: 'tags', value: values.tags, placeholder: t('tagsHint'), 'data-keep': 'edit-tags' })),
      el('button', { type: 'submit', 'data-testid': 'save', 'data-keep': 'edit-save', text: t('save') }));
    return node;
  }

  const readForm = node => ({
    status: node.elements.status.value, priority: node.elements.priority.value,
    assignee: node.elements.assignee.value.trim(), tags: node.elements.tags.value,
  });
  const tagList = text => text.split(',').map(tag => tag.trim()).filter(Boolean);

  async function save() {
    const mine = readForm(form);
    const changes = {};
    if (mine.status !== baseline.status) changes.status = mine.status;
    if (mine.priority !== baseline.priority) changes.priority = mine.priority;
    if (mine.assignee !== baseline.assignee) changes.assignee = mine.assignee || null;
    if (tagList(mine.tags).join() !== tagList(baseline.tags).join()) changes.tags = tagList(mine.tags);
    if (!Object.keys(changes).length) return;
    try {
      const answer = await api(`/api/v1/tickets/${encodeURIComponent(ticketId)}`,
        { method: 'PATCH', body: changes, headers: { 'If-Match': etag } });
      dirty = false;
      conflictBox.hidden = true;
      say(t('saved'));
      etag = answer.etag;
      await load();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || (e.status === 409 && e.code === 'version_conflict'))) {
        await showConflict(mine, changes);
      } else {
        say(t('error', e.message), 'error');
      }
    }
  }

  /** Someone saved first: show their version, what differs from the agent's edit, and let the agent redo it. */
  async function showConflict(mine, changes) {
    dirty = false;
    await load();
    const now = editable(detail.ticket);
    const label = (name, value) => (name === 'status' || name === 'priority') && value ? t(value) : value || '—';
    const mineShown = { ...mine, tags: tagList(mine.tags).join(', ') };
    replace(conflictBox,
      el('p', { text: t('conflict', detail.ticket.version) }),
      el('ul', {}, Object.keys(changes).map(name => el('li', {
        text: t('conflictField', t(name), label(name, mineShown[name]), label(name, now[name])) }))),
      el('button', { type: 'button', text: t('keepMine'), on: { click: () => {
        form = editForm(detail.ticket);
        for (const name of ['status', 'priority', 'assignee', 'tags']) form.elements[name].value = mine[name];
        dirty = true;
        conflictBox.hidden = true;
        render();
      } } }));
    conflictBox.hidden = false;
  }

  function customer() {
    const profile = detail.customer;
    const earlier = detail.earlierTickets ?? [];
    return el('section', { class: 'customer', 'data-testid': 'customer' },
      el('h3', { text: t('customer') }),
      profile ? el('dl', {},
        el('dt', { text: t('customer') }), el('dd', { text: profile.name ?? profile.id }),
        el('dt', { text: t('tier') }), el('dd', { text: profile.tier ?? '—' }),
        el('dt', { text: t('locale') }), el('dd', { text: profile.locale ?? '—' }),
        el('dt', { text: t('identities') }),
        el('dd', {}, (profile.identities ?? []).map(identity =>
          el('span', { class: 'badge', text: `${identity.channelType ?? ''} ${identity.channelId}` })))) : null,
      el('h3', { text: t('earlierTickets') }),
      earlier.length ? el('ul', { class: 'earlier' }, earlier.map(old => el('li', {},
        el('button', { type: 'button', class: 'link', on: { click: () => onOpen(old.id) },
          text: `${dateTime(old.createdAt)} · ${t(old.status)} · ${old.intent ?? ''}${
            old.csatScore ? ` · ${t('csat')} ${old.csatScore}` : ''}` }))))
        : el('p', { text: t('none') }));
  }

  function channelType() {
    const identities = detail.customer?.identities ?? [];
    return identities.find(identity => identity.channelId === detail.ticket.channelId)?.channelType;
  }

  /** The reply/note box survives live reloads untouched (text, caret, focus); rebuilt when what it shows changes. */
  function composeSection() {
    const key = `${ticketId}|${composeKind}|${language()}`;
    if (composeKey !== key) {
      composeKey = key;
      composeNode = compose();
    }
    return composeNode;
  }

  function compose() {
    const kind = composeKind;
    const box = el('textarea', {
      name: kind, rows: 3, 'data-keep': `compose-${kind}`, 'data-testid': `compose-${kind}`,
      'aria-label': t(kind === 'reply' ? 'replyPlaceholder' : 'notePlaceholder'),
      placeholder: t(kind === 'reply' ? 'replyPlaceholder' : 'notePlaceholder'),
      on: {
        input: e => saveDraft(ticketId, kind, e.target.value),
        keydown: e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(kind, box); } },
      },
    });
    box.value = loadDraft(ticketId, kind);
    const hint = DELIVERY_HINTS[channelType()];
    return el('section', { class: `compose compose-${kind}` },
      el('div', { role: 'tablist' }, ['reply', 'note'].map(k => el('button', {
        type: 'button', role: 'tab', 'aria-selected': String(k === kind), 'data-compose': k, text: t(k),
        on: { click: () => focusCompose(k) },
      }))),
      kind === 'reply' && hint ? el('p', { class: 'hint', text: t(hint) }) : null,
      box,
      el('button', { type: 'button', class: 'primary', 'data-testid': `send-${kind}`,
        text: t(kind === 'reply' ? 'sendReply' : 'addNote'), on: { click: () => send(kind, box) } }));
  }

  async function send(kind, box) {
    const text = box.value.trim();
    if (!text) return;
    try {
      await api(`/api/v1/tickets/${encodeURIComponent(ticketId)}/${kind === 'reply' ? 'replies' : 'notes'}`,
        { method: 'POST', body: { text } });
      saveDraft(ticketId, kind, '');
      box.value = '';
      say(t(kind === 'reply' ? 'replySent' : 'noteAdded'));
      await load();
    } catch (e) {
      say(t('error', e.message), 'error');
    }
  }

  function focusCompose(kind) {
    if (!detail) return;
    composeKind = kind;
    render();
    root.querySelector(`[data-keep="compose-${kind}"]`)?.focus();
  }

  return {
    open,
    current: () => ticketId,
    /** A live change of the open ticket: reload it (an unsaved edit keeps its version, so a save still checks). */
    changed: id => { if (id === ticketId) load(); },
    focusCompose,
    /** Draws the open ticket again (e.g. in the other language). */
    rerender: () => { if (detail) render(); },
  };
}
