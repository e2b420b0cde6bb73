// The widget's side of the gateway API (docs/WIDGET.md): session, send, history and the reply stream.

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

/** A random id for a message, made once per message so that every retry of it carries the same one. */
export function newClientId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

class HttpError extends Error {
  constructor(status, body, retryAfterSeconds) {
    super(`HTTP ${status}${body && body.error ? ` ${body.error}` : ''}`);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class WidgetApi {
  constructor({ base, channelId, user }) {
    this.endpoint = `${base}${encodeURIComponent(channelId)}/`;
    this.storageKey = `supportflow.widget.${channelId}.visitorToken`;
    this.user = user;
    this.token = null;
  }

  /** Starts or resumes the visitor session; the token is kept in localStorage (reloads, new tabs). */
  async startSession() {
    const body = { visitorToken: readStored(this.storageKey) };
    if (this.user) {
      body.user = this.user;
    }
    const session = await this.request('POST', 'session', body, false);
    this.token = session.visitorToken;
    writeStored(this.storageKey, this.token);
    return session;
  }

  history() {
    return this.request('GET', 'history', null, true);
  }

  /**
   * Sends a message, retrying network errors, 429s and 5xx with the same client id: the gateway de-duplicates
   * on it, so a retry of a message that did arrive is answered "duplicate" and nothing is sent twice.
   */
  async send(clientId, text, locale) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request('POST', 'messages', { clientId, text, locale }, true);
      } catch (error) {
        const retryable = !(error instanceof HttpError) || error.status === 429 || error.status >= 500;
        if (!retryable || attempt >= RETRY_DELAYS_MS.length) {
          throw error;
        }
        const wait = error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : RETRY_DELAYS_MS[attempt];
        await sleep(wait);
      }
    }
  }

  /**
   * Opens the reply stream after {@code cursor}. EventSource reconnects by itself and resumes with
   * Last-Event-ID; when the server refused it (closed for good, e.g. an expired token) a new session is
   * started and the stream reopened after the last reply seen.
   */
  openStream(cursor, { onReply, onState }) {
    let lastCursor = cursor;
    let source = null;
    let stopped = false;
    const open = () => {
      const url = `${this.endpoint}stream?token=${encodeURIComponent(this.token)}&after=${encodeURIComponent(lastCursor)}`;
      source = new EventSource(url);
      source.addEventListener('open', () => onState('online'));
      source.addEventListener('reply', (event) => {
        lastCursor = event.lastEventId || lastCursor;
        onReply(JSON.parse(event.data));
      });
      source.addEventListener('error', () => {
        onState('offline');
        if (source.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          sleep(RETRY_DELAYS_MS[1]).then(() => this.startSession()).then(open, () => sleep(RETRY_DELAYS_MS[3]).then(open));
        }
      });
    };
    open();
    return () => {
      stopped = true;
      source.close();
    };
  }

  /** One call; a 401 on an authorised call renews the session once (an expired token) and repeats it. */
  async request(method, path, body, authorised, renewed = false) {
    const headers = {};
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    if (authorised) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    const response = await fetch(this.endpoint + path, {
      method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit', cache: 'no-store'
    });
    const json = await response.json().catch(() => null);
    if (response.status === 401 && authorised && !renewed) {
      await this.startSession();
      return this.request(method, path, body, authorised, true);
    }
    if (!response.ok) {
      throw new HttpError(response.status, json, Number(response.headers.get('Retry-After')) || 0);
    }
    return json;
  }
}

function readStored(key) {
  try {
    return window.localStorage.getItem(key) || undefined;
  } catch (e) {
    return undefined; // storage disabled: the session lasts as long as the page
  }
}

function writeStored(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch (e) {
    // storage disabled or full: the session still works for this page
  }
}
