// Live ticket changes: GET /api/v1/tickets/stream (server-sent events) read with fetch(), because
// EventSource cannot send the bearer token. Reconnects when the stream ends (after a pause if it failed);
// every (re)connection reloads the inbox, since changes made while disconnected are not replayed.

import { authorizedFetch } from '/shared/js/api.js';

const RETRY_MS = 3000;

/**
 * Parses server-sent events from text chunks: calls onEvent(name, data) per complete event; returns a
 * function that takes the next chunk. Comments (keep-alives) are skipped.
 */
export function sseParser(onEvent) {
  let buffer = '';
  return chunk => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, data.join('\n'));
    }
  };
}

/**
 * Keeps the stream open until stop() is called. onChange(change) per ticket change; onStatus(connected)
 * when the connection comes or goes (connected: reload what is shown).
 */
export function followTickets({ onChange, onStatus }) {
  const controller = new AbortController();
  let stopped = false;

  async function connectOnce() {
    const response = await authorizedFetch('/api/v1/tickets/stream', {
      headers: { Accept: 'text/event-stream' }, signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`stream: HTTP ${response.status}`);
    const feed = sseParser((name, data) => {
      if (name === 'ready') onStatus(true);
      else if (name === 'ticket') onChange(JSON.parse(data));
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      feed(value);
    }
  }

  (async () => {
    while (!stopped) {
      // The server ends a stream when the token that opened it expires: reconnect at once with the fresh one.
      let pause = 250;
      try {
        await connectOnce();
      } catch (e) {
        if (stopped) return;
        pause = RETRY_MS;
      }
      onStatus(false);
      await new Promise(resolve => setTimeout(resolve, pause));
    }
  })();

  return { stop: () => { stopped = true; controller.abort(); } };
}
