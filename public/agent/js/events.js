// The agent API's server-sent events (tickets and messages), reconnecting by itself; when the browser gives up, it checks the token before trying again.

const RETRY_MS = 5000;

/**
 * @param {{
 *   url: () => string,
 *   onTicket: (ticket: any) => void,
 *   onMessage: (message: any) => void,
 *   onState: (state: 'open' | 'closed', reconnected: boolean) => void,
 *   stillSignedIn: () => Promise<boolean>,
 * }} o `onState(open, true)` after a reconnect: events may have been missed
 */
export function createEvents(o) {
  /** @type {EventSource | null} */
  let source = null;
  let retry = 0;
  let everOpen = false;

  const parse = (/** @type {MessageEvent} */ ev) => {
    try {
      return JSON.parse(ev.data);
    } catch {
      return null;
    }
  };

  function start() {
    stop();
    if (typeof window.EventSource !== 'function') return;
    const es = new EventSource(o.url());
    source = es;
    es.addEventListener('open', () => {
      if (source !== es) return;
      o.onState('open', everOpen);
      everOpen = true;
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      o.onState('closed', false);
      if (es.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      es.close();
      source = null;
      void o.stillSignedIn().then((ok) => ok && (retry = window.setTimeout(start, RETRY_MS)));
    });
    es.addEventListener('ticket', (ev) => source === es && o.onTicket(parse(ev)));
    es.addEventListener('message', (ev) => source === es && o.onMessage(parse(ev)));
  }

  function stop() {
    clearTimeout(retry);
    source?.close();
    source = null;
    o.onState('closed', false);
  }

  return {
    start,
    /** Stops and forgets it was ever connected (sign-out). */
    stop() {
      stop();
      everOpen = false;
    },
  };
}
