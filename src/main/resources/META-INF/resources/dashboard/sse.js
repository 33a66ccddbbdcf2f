// Server-sent events read with fetch, so the stream can carry an Authorization header (EventSource
// cannot send one, and a key in the URL would end up in access logs). It reconnects as EventSource
// does: after the server's `retry`, with Last-Event-ID, and reports every state to the page.

/** Splits a text/event-stream into events: { event, id, data }; calls onEvent for each. */
export function parser(onEvent, onRetry) {
  let buffer = '';
  let event = 'message';
  let data = [];
  let id = null;
  return chunk => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length) onEvent({ event, id, data: data.join('\n') });
        event = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment: the server's ping
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
    }
  };
}

/**
 * Opens `url` as an event stream and keeps it open. `key()` gives the API key (or null);
 * `on.state(name, detail)` hears 'connecting', 'live', 'reconnecting' (detail: seconds),
 * 'unauthorized', 'stopping' (detail: seconds); `on.event(e)` every event.
 */
export function stream(url, key, on) {
  let retry = 5000;
  let lastId = null;
  let closed = false;
  let controller = null;
  let timer = null;

  const wait = (state, millis) => {
    let left = Math.ceil(millis / 1000);
    on.state(state, left);
    timer = setInterval(() => {
      left -= 1;
      if (left > 0) on.state(state, left);
    }, 1000);
    setTimeout(() => { clearInterval(timer); if (!closed) open(); }, millis);
  };

  async function open() {
    controller = new AbortController();
    on.state('connecting');
    const headers = { Accept: 'text/event-stream' };
    const k = key();
    if (k) headers.Authorization = 'Bearer ' + k;
    if (lastId) headers['Last-Event-ID'] = lastId;
    let response;
    try {
      response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
    } catch (e) {
      if (!closed) wait('reconnecting', retry);
      return;
    }
    if (response.status === 401) {
      on.state('unauthorized');
      return; // the page asks for a key and opens a new stream
    }
    if (!response.ok) {
      const after = Number(response.headers.get('Retry-After')) * 1000 || retry;
      if (!closed) wait(response.status === 503 ? 'stopping' : 'reconnecting', after);
      return;
    }
    on.state('live');
    const feed = parser(e => {
      if (e.id) lastId = e.id;
      on.event(e);
    }, millis => { retry = millis; });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        feed(value);
      }
      // The server ended the stream: it is stopping or restarting.
      if (!closed) wait('stopping', retry);
    } catch (e) {
      if (!closed) wait('reconnecting', retry);
    }
  }

  open();
  return {
    close() {
      closed = true;
      clearInterval(timer);
      if (controller) controller.abort();
    },
  };
}
