// The websocket on /api/messages: opens with the current id, reports frames and its state, reconnects with back-off, and reconnects at once when a refusal turned out to be an expired id.

const MAX_DELAY = 30000;

/**
 * @param {{
 *   url: (user: string) => string,
 *   ensureUser: () => Promise<string>,
 *   onFrame: (frame: any) => void,
 *   onState: (phase: 'connecting' | 'open' | 'down') => void,
 *   onRefused: (user: string) => Promise<boolean>,
 * }} o `onRefused` checks the id after a refused connection; true when it was replaced
 */
export function createSocket(o) {
  /** @type {WebSocket | null} */
  let ws = null;
  let user = '';
  let connecting = false;
  let attempt = 0;
  let timer = 0;
  let justRenewed = false;

  async function connect() {
    if (ws || connecting) return;
    clearTimeout(timer);
    connecting = true;
    o.onState('connecting');
    let socket;
    try {
      user = await o.ensureUser();
      socket = new WebSocket(o.url(user));
    } catch {
      connecting = false;
      return down(false, 0);
    }
    connecting = false;
    ws = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      attempt = 0;
      justRenewed = false;
      o.onState('open');
    };
    socket.onmessage = (e) => {
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      o.onFrame(frame);
    };
    socket.onclose = (e) => {
      if (ws === socket) ws = null;
      void down(opened, e.code);
    };
  }

  async function down(/** @type {boolean} */ wasOpen, /** @type {number} */ code) {
    o.onState('down');
    // A refused upgrade hides its HTTP status: ask whether the id is still good (once in a row, never in a loop).
    if ((!wasOpen || code === 1008 || code === 4401) && user && !justRenewed && (await o.onRefused(user).catch(() => false))) {
      justRenewed = true;
      return connect();
    }
    justRenewed = false;
    timer = setTimeout(connect, Math.min(MAX_DELAY, 1000 * 2 ** attempt));
    attempt += 1;
  }

  return {
    connect,
    /** Connects now (the network came back), unless a socket is already open or opening. */
    retryNow() {
      if (ws || connecting) return;
      attempt = 0;
      void connect();
    },
    /** Sends a frame when the socket is open; false otherwise. */
    send(/** @type {object} */ frame) {
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    /** The id the socket was opened with. */
    get user() {
      return user;
    },
  };
}

/** @typedef {ReturnType<typeof createSocket>} Socket */
