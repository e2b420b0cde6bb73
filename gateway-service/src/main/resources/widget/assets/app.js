// The widget's controller: wires the view to the API. Loaded by widget.js; start() runs once per page.

import { WidgetApi, newClientId } from './api.js';
import { messageLocale, pickLanguage, strings } from './i18n.js';
import { CSS } from './styles.js';
import { buildWidget, h, messageItem, quickReplyButtons, ratingButtons } from './view.js';

/** How long the typing indicator waits for the bot before giving up (a person may answer much later). */
const TYPING_TIMEOUT_MS = 20000;
const RESTART_DELAY_MS = 5000;
const HOST_ATTRIBUTE = 'data-supportflow-widget';

export function start(options) {
  if (document.querySelector(`[${HOST_ATTRIBUTE}]`)) {
    return; // the snippet was embedded twice
  }
  const host = document.createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, options.channelId);
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow);
  const language = pickLanguage(options.locale, navigator.language);
  const t = strings(language);
  const ui = buildWidget(t);
  shadow.append(h('div', { class: 'root', lang: language }, ui.launcher, ui.panel));
  document.body.append(host);
  new Chat(ui, t, new WidgetApi(options), messageLocale(language, navigator.language)).start();
}

/** Constructed style sheets where supported (not subject to a page's inline-style CSP), else a style element. */
function applyStyles(shadow) {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    shadow.append(style);
  }
}

class Chat {
  constructor(ui, t, api, locale) {
    this.ui = ui;
    this.t = t;
    this.api = api;
    this.locale = locale;
    this.seen = new Set();
    this.awaitingReply = new Set();
    this.unread = 0;
    this.typingTimer = null;
  }

  start() {
    const { launcher, close, panel, form, input } = this.ui;
    launcher.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    close.addEventListener('click', () => this.close());
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    input.addEventListener('keydown', (event) => {
      // Enter while an IME composes a syllable (Korean) confirms the syllable; it must not send.
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) {
        return;
      }
      event.preventDefault();
      form.requestSubmit();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text) {
        input.value = '';
        this.send(text);
      }
    });
    this.connect();
  }

  async connect() {
    try {
      await this.api.startSession();
      const history = await this.api.history();
      if (history.entries.length === 0) {
        this.ui.log.append(messageItem(this.t, { from: 'system', text: this.t.welcome }));
      }
      history.entries.forEach((entry, index) => this.render(entry, index === history.entries.length - 1));
      this.api.openStream(history.cursor, {
        onReply: (entry) => this.receive(entry),
        onState: (state) => this.showConnection(state)
      });
    } catch (error) {
      console.warn('SupportFlow widget: cannot reach the chat service', error);
      this.showConnection('offline');
      setTimeout(() => this.connect(), RESTART_DELAY_MS);
    }
  }

  isOpen() {
    return !this.ui.panel.hidden;
  }

  open() {
    this.ui.panel.hidden = false;
    this.ui.launcher.setAttribute('aria-expanded', 'true');
    this.unread = 0;
    this.updateBadge();
    this.scrollToEnd();
    this.ui.input.focus();
  }

  close() {
    this.ui.panel.hidden = true;
    this.ui.launcher.setAttribute('aria-expanded', 'false');
    this.ui.launcher.focus();
  }

  /** A message the visitor typed or picked: shown at once, sent with a client id that its retries keep. */
  send(text, clientId = newClientId(), item = null) {
    const line = item || messageItem(this.t, { from: 'customer', text });
    line.classList.remove('failed');
    line.querySelector('.retry')?.remove();
    if (!item) {
      this.ui.log.append(line);
      this.scrollToEnd();
    }
    this.showTyping(true);
    this.api.send(clientId, text, this.locale).then((sent) => {
      line.dataset.id = sent.messageId;
      this.awaitingReply.add(sent.messageId);
    }, () => {
      this.showTyping(false);
      line.classList.add('failed');
      line.append(h('button', { type: 'button', class: 'retry', onclick: () => this.send(text, clientId, line) },
        this.t.failed));
    });
  }

  /** A reply from the stream: each once, even if the stream repeats itself after a reconnect. */
  receive(entry) {
    if (this.seen.has(entry.id)) {
      return;
    }
    this.render(entry, true);
    this.ui.live.textContent = `${this.t.from[entry.from] || this.t.from.system}: ${entry.text}`;
    if (entry.inReplyTo) {
      this.awaitingReply.delete(entry.inReplyTo);
    }
    if (this.awaitingReply.size === 0 || !entry.inReplyTo) {
      this.showTyping(false);
    }
    if (!this.isOpen()) {
      this.unread++;
      this.updateBadge();
    }
  }

  /** Adds a line; the latest reply's quick replies (or CSAT rating buttons) are offered as buttons. */
  render(entry, latest) {
    this.seen.add(entry.id);
    const item = messageItem(this.t, entry);
    const options = entry.quickReplies || [];
    if (latest && entry.from !== 'customer' && options.length > 0) {
      this.ui.log.querySelectorAll('.quick-replies').forEach((group) => group.remove());
      const pick = (option) => {
        this.ui.log.querySelectorAll('.quick-replies').forEach((group) => group.remove());
        this.send(option);
      };
      if (entry.kind === 'CSAT_QUESTION') {
        item.append(ratingButtons(this.t, options, (score) => {
          item.querySelectorAll('.rate').forEach((button) => {
            button.disabled = true;
            button.setAttribute('aria-pressed', String(button.dataset.score === score));
          });
          this.send(score);
        }));
      } else {
        item.append(quickReplyButtons(this.t, options, pick));
      }
    }
    this.ui.log.append(item);
    this.scrollToEnd();
  }

  showTyping(on) {
    clearTimeout(this.typingTimer);
    this.ui.typing.hidden = !on;
    if (on) {
      this.typingTimer = setTimeout(() => {
        this.awaitingReply.clear();
        this.ui.typing.hidden = true;
      }, TYPING_TIMEOUT_MS);
    }
  }

  showConnection(state) {
    this.ui.status.hidden = state !== 'offline';
    this.ui.status.textContent = state === 'offline' ? this.t.reconnecting : '';
  }

  updateBadge() {
    const { badge, launcher } = this.ui;
    badge.hidden = this.unread === 0;
    badge.textContent = this.unread > 99 ? '99+' : String(this.unread);
    launcher.setAttribute('aria-label', this.unread === 0 ? this.t.open : `${this.t.open} (${this.t.unread(this.unread)})`);
  }

  scrollToEnd() {
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
  }
}
