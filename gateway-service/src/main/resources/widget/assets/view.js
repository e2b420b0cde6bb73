// The widget's DOM inside its shadow root. Text from people is only ever set with textContent.

let ids = 0;

/** An element with attributes and children; strings become text nodes, never HTML. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value != null) {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child != null) {
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return element;
}

/** A speech-bubble icon drawn as SVG: no icon font or emoji font needed on the visitor's machine. */
function chatIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
  svg.append(path);
  return svg;
}

/** Builds the launcher and the (closed) panel; returns the parts the controller works with. */
export function buildWidget(t) {
  const suffix = ++ids;
  const panelId = `sf-panel-${suffix}`;
  const titleId = `sf-title-${suffix}`;
  const inputId = `sf-input-${suffix}`;
  const badge = h('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
  const launcher = h('button', {
    type: 'button', class: 'launcher', 'aria-label': t.open, 'aria-expanded': 'false', 'aria-controls': panelId
  }, chatIcon(), badge);
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t.close }, '×');
  const log = h('ol', { class: 'log', 'aria-label': t.log, tabindex: '0' });
  const typing = h('div', { class: 'typing', hidden: true }, h('span', { class: 'dots', 'aria-hidden': 'true' }),
    t.typing);
  const status = h('div', { class: 'status', hidden: true });
  // Announces new incoming messages only (not the history, not the visitor's own): WCAG-friendly, not chatty.
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const input = h('textarea', { id: inputId, rows: '2', placeholder: t.placeholder, maxlength: '4000' });
  const send = h('button', { type: 'submit', class: 'send' }, t.send);
  const form = h('form', { class: 'composer' },
    h('label', { for: inputId, class: 'visually-hidden' }, t.input), input, send);
  const panel = h('div', { class: 'panel', id: panelId, role: 'dialog', 'aria-labelledby': titleId, hidden: true },
    h('div', { class: 'header' }, h('h2', { id: titleId }, t.title), close),
    log, typing, status, live, form);
  return { launcher, badge, panel, close, log, typing, status, live, form, input, send };
}

/** One line of the conversation; returns the list item (its actions area can hold buttons). */
export function messageItem(t, entry) {
  const from = entry.from in t.from ? entry.from : 'system';
  return h('li', { class: `message from-${from}`, 'data-id': entry.id || '' },
    h('span', { class: 'visually-hidden' }, `${t.from[from]}: `),
    h('p', { class: 'bubble' }, entry.text));
}

/** Quick replies as buttons; {@code onPick(text)} sends the chosen one. */
export function quickReplyButtons(t, options, onPick) {
  const group = h('div', { class: 'quick-replies', role: 'group', 'aria-label': t.quickReplies });
  for (const option of options) {
    group.append(h('button', { type: 'button', class: 'quick-reply', onclick: () => onPick(option) }, option));
  }
  return group;
}

/** The CSAT question's 1-5 rating buttons. */
export function ratingButtons(t, options, onPick) {
  const group = h('div', { class: 'rating', role: 'group', 'aria-label': t.rateGroup });
  for (const option of options) {
    group.append(h('button', {
      type: 'button', class: 'rate', 'aria-label': t.rate(option), 'data-score': option, onclick: () => onPick(option)
    }, option));
  }
  return group;
}
