/*
 * d払い login-support chat widget.
 * Plain JavaScript, no dependencies, no build step, nothing loaded from third parties.
 *
 *   <script src="/widget.js" defer data-lang="ja" data-title="d払い ログインサポート"
 *           data-color="#cc0033" data-position="right" data-server=""></script>
 *
 * Security: every piece of text that comes from a user, the bot or an agent is put into
 * the page with textContent / text nodes only. This file never uses innerHTML.
 */
(() => {
  'use strict';
  if (window.dbaraiChat) return; // embedded twice: keep the first instance

  // document.currentScript is only set while this file is first executing.
  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const opts = (script && script.dataset) || {};

  const STORE_KEY = 'dbarai-chat-user';
  const OPEN_KEY = 'dbarai-chat-open';
  const MAX_DELAY = 30000;
  const JSON_HEADERS = { 'Content-Type': 'application/json' };

  const STRINGS = {
    ja: {
      title: 'd払い ログインサポート',
      bubble: 'チャットでログインの相談をする',
      close: 'チャットを閉じる',
      label: 'メッセージ',
      placeholder: 'メッセージを入力…',
      send: '送信',
      offline: '接続が切れました。再接続しています…',
      typing: '入力中…',
      agent: '担当者',
      quickReplies: '選択肢',
      unread: '新着メッセージがあります',
      error: 'エラーが発生しました。しばらくしてからもう一度お試しください。',
      greeting: 'こんにちは！d払いにログインできないときはお気軽にどうぞ。\nどのような状況か、ひとことで教えてください。',
    },
    en: {
      title: 'd払い Login Support',
      bubble: 'Chat with us about logging in',
      close: 'Close chat',
      label: 'Message',
      placeholder: 'Type a message…',
      send: 'Send',
      offline: 'Offline, reconnecting…',
      typing: 'Typing…',
      agent: 'Agent',
      quickReplies: 'Suggested replies',
      unread: 'New message',
      error: 'Something went wrong. Please try again in a moment.',
      greeting: "Hello! If you can't log in to d払い, just ask here.\nPlease tell us briefly what is happening.",
    },
  };

  // ---- configuration -------------------------------------------------------

  const lang = opts.lang ? (/^en/i.test(opts.lang) ? 'en' : 'ja') : /^en/i.test(document.documentElement.lang || '') ? 'en' : 'ja';
  const t = STRINGS[lang];
  const title = opts.title || t.title;
  const color = opts.color && window.CSS && CSS.supports('color', opts.color) ? opts.color : '#cc0033';
  const position = opts.position === 'left' ? 'left' : 'right';

  // Server base URL: data-server if given, otherwise the origin the script came from.
  const server = (() => {
    const base = opts.server || (script && script.src ? new URL(script.src, location.href).origin : location.origin);
    const url = new URL(base, location.href);
    return (url.origin + url.pathname).replace(/\/+$/, '');
  })();
  const wsServer = server.replace(/^http/i, 'ws');

  const storage = {
    get(area, key) {
      try {
        return window[area].getItem(key);
      } catch {
        return null;
      }
    },
    set(area, key, value) {
      try {
        value == null ? window[area].removeItem(key) : window[area].setItem(key, value);
      } catch {
        /* storage blocked */
      }
    },
  };

  const state = {
    user: storage.get('localStorage', STORE_KEY),
    ws: null,
    phase: 'idle', // idle | connecting | open | down
    connecting: false,
    wasDown: false,
    attempt: 0,
    retryTimer: 0,
    typingTimer: 0,
    noticeTimer: 0,
    queue: [], // { text, el } waiting to be delivered, in order
    draining: false,
    started: false,
    isOpen: false,
  };

  // ---- DOM helpers ---------------------------------------------------------

  /** Create an element. Strings among the children become text nodes (never parsed as HTML). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    el.append(...children);
    return el;
  }

  function chatIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zM7 9h10v2H7zm0-3h10v2H7zm0 6h7v2H7z');
    svg.append(path);
    return svg;
  }

  const CSS_TEXT = `
#dbarai-chat{--dbc-color:#cc0033;position:fixed;bottom:20px;right:20px;z-index:2147483000;font:14px/1.6 system-ui,-apple-system,"Hiragino Sans","Noto Sans JP","Yu Gothic UI",Meiryo,sans-serif;color:#1f2328;text-align:left}
#dbarai-chat.dbc-left{right:auto;left:20px}
#dbarai-chat *{box-sizing:border-box}
#dbarai-chat [hidden]{display:none!important}
#dbarai-chat button{font:inherit;cursor:pointer;margin:0}
#dbarai-chat button:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
#dbarai-chat-bubble{width:60px;height:60px;border:0;border-radius:50%;background:var(--dbc-color);color:#fff;display:grid;place-items:center;position:relative;box-shadow:0 6px 18px rgba(0,0,0,.25)}
#dbarai-chat-bubble svg{width:28px;height:28px}
#dbarai-chat .dbc-badge{position:absolute;top:2px;right:2px;width:14px;height:14px;border-radius:50%;background:#ffb400;border:2px solid #fff}
#dbarai-chat-panel{position:absolute;bottom:76px;right:0;width:370px;height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.25)}
#dbarai-chat.dbc-left #dbarai-chat-panel{right:auto;left:0}
#dbarai-chat .dbc-head{display:flex;align-items:center;gap:8px;padding:10px 8px 10px 16px;background:var(--dbc-color);color:#fff}
#dbarai-chat .dbc-title{flex:1;margin:0;font-size:15px;font-weight:700;line-height:1.4}
#dbarai-chat .dbc-close{width:34px;height:34px;border:0;border-radius:50%;background:transparent;color:inherit;font-size:22px;line-height:1}
#dbarai-chat .dbc-close:hover{background:rgba(255,255,255,.2)}
#dbarai-chat .dbc-close:focus-visible{outline-color:#fff}
#dbarai-chat-offline{padding:6px 14px;background:#fff4ce;color:#5c4300;font-size:12px;border-bottom:1px solid #f0dfa0}
#dbarai-chat .dbc-scroll{flex:1;overflow-y:auto;padding:16px 12px;background:#f5f6f8}
#dbarai-chat .dbc-log{display:flex;flex-direction:column;gap:8px}
#dbarai-chat .msg{max-width:85%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
#dbarai-chat .msg-bot,#dbarai-chat .msg-agent{align-self:flex-start;background:#fff;border:1px solid #e1e4e8;border-bottom-left-radius:4px}
#dbarai-chat .msg-agent{background:#eef5ff;border-color:#b6d2f7}
#dbarai-chat .msg-user{align-self:flex-end;background:var(--dbc-color);color:#fff;border-bottom-right-radius:4px}
#dbarai-chat .msg-system{align-self:center;max-width:95%;padding:2px 8px;color:#5f6670;font-size:12px;text-align:center}
#dbarai-chat .dbc-label{display:block;margin-bottom:2px;font-size:11px;font-weight:700;color:#1a5fb4}
#dbarai-chat .dbc-pending{opacity:.55}
#dbarai-chat .dbc-qrs{display:flex;flex-wrap:wrap;gap:6px;align-self:flex-start;max-width:95%}
#dbarai-chat .qr{padding:5px 12px;border:1px solid var(--dbc-color);border-radius:999px;background:#fff;color:var(--dbc-color);font-size:13px;text-align:left}
#dbarai-chat .qr:hover{background:var(--dbc-color);color:#fff}
#dbarai-chat-typing{display:inline-flex;gap:4px;margin-top:8px;padding:12px 14px;background:#fff;border:1px solid #e1e4e8;border-radius:14px;border-bottom-left-radius:4px}
#dbarai-chat .dbc-dot{width:6px;height:6px;border-radius:50%;background:#8a9099;animation:dbc-blink 1.2s infinite}
#dbarai-chat .dbc-dot:nth-child(3){animation-delay:.2s}
#dbarai-chat .dbc-dot:nth-child(4){animation-delay:.4s}
@keyframes dbc-blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
#dbarai-chat .dbc-notice{padding:6px 14px;background:#fdecee;color:#8a1020;font-size:12px}
#dbarai-chat .dbc-form{display:flex;gap:8px;margin:0;padding:10px;border-top:1px solid #e1e4e8;background:#fff}
#dbarai-chat-input{flex:1;min-width:0;margin:0;padding:8px 14px;border:1px solid #c9ced6;border-radius:999px;font:inherit;font-size:16px;color:inherit;background:#fff}
#dbarai-chat-input:focus{outline:2px solid var(--dbc-color);outline-offset:-1px}
#dbarai-chat-send{padding:0 16px;border:0;border-radius:999px;background:var(--dbc-color);color:#fff;font-weight:700;white-space:nowrap}
#dbarai-chat .dbc-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){
  #dbarai-chat-panel{position:fixed;inset:0;width:auto;height:100%;border-radius:0}
  #dbarai-chat.dbc-open #dbarai-chat-bubble{display:none}
}
@media (prefers-reduced-motion:reduce){#dbarai-chat .dbc-dot{animation:none;opacity:.6}}`;

  // ---- building the widget -------------------------------------------------

  const ui = {};

  function build() {
    document.head.append(h('style', { id: 'dbarai-chat-style' }, CSS_TEXT));

    ui.badge = h('span', { class: 'dbc-badge', hidden: '' }, h('span', { class: 'dbc-sr' }, t.unread));
    ui.bubble = h(
      'button',
      {
        type: 'button',
        id: 'dbarai-chat-bubble',
        'aria-label': t.bubble,
        'aria-expanded': 'false',
        'aria-controls': 'dbarai-chat-panel',
      },
      chatIcon(),
      ui.badge,
    );

    ui.close = h('button', { type: 'button', class: 'dbc-close', 'aria-label': t.close }, '×');
    ui.offline = h('div', { id: 'dbarai-chat-offline', role: 'status', hidden: '' }, t.offline);
    ui.log = h('div', { id: 'dbarai-chat-log', class: 'dbc-log', role: 'log', 'aria-live': 'polite' });
    ui.typing = h(
      'div',
      { id: 'dbarai-chat-typing', hidden: '' },
      h('span', { class: 'dbc-sr' }, t.typing),
      h('span', { class: 'dbc-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'dbc-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'dbc-dot', 'aria-hidden': 'true' }),
    );
    ui.scroll = h('div', { class: 'dbc-scroll' }, ui.log, ui.typing);
    ui.notice = h('div', { class: 'dbc-notice', role: 'alert', hidden: '' });
    ui.input = h('input', {
      id: 'dbarai-chat-input',
      type: 'text',
      autocomplete: 'off',
      maxlength: '1000',
      placeholder: t.placeholder,
      enterkeyhint: 'send',
    });
    ui.send = h('button', { type: 'submit', id: 'dbarai-chat-send' }, t.send);
    ui.form = h('form', { class: 'dbc-form' }, h('label', { for: 'dbarai-chat-input', class: 'dbc-sr' }, t.label), ui.input, ui.send);

    ui.panel = h(
      'div',
      { id: 'dbarai-chat-panel', role: 'dialog', 'aria-label': title, hidden: '' },
      h('div', { class: 'dbc-head' }, h('h2', { class: 'dbc-title' }, title), ui.close),
      ui.offline,
      ui.scroll,
      ui.notice,
      ui.form,
    );

    ui.root = h('div', { id: 'dbarai-chat', class: `dbc-${position}`, lang }, ui.panel, ui.bubble);
    ui.root.style.setProperty('--dbc-color', color);
    document.body.append(ui.root);
  }

  function bindEvents() {
    ui.bubble.addEventListener('click', () => (state.isOpen ? close() : open()));
    ui.close.addEventListener('click', () => close());
    ui.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    ui.input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault(); // handle Enter ourselves so an IME confirmation never sends
      if (!e.isComposing && e.keyCode !== 229) submitInput();
    });
    ui.form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitInput();
    });
    // Any element on the host page with data-dbarai-chat-open opens the chat.
    document.addEventListener('click', (e) => {
      if (e.target instanceof Element && e.target.closest('[data-dbarai-chat-open]')) {
        e.preventDefault();
        open();
      }
    });
    window.addEventListener('online', () => {
      if (state.started && !state.ws) {
        state.attempt = 0;
        connect();
      }
    });
  }

  function submitInput() {
    if (send(ui.input.value)) ui.input.value = '';
    ui.input.focus();
  }

  // ---- rendering messages --------------------------------------------------

  function scrollDown() {
    ui.scroll.scrollTop = ui.scroll.scrollHeight;
  }

  /** Quick replies are only valid under the newest bot message, so any newer message removes them. */
  function clearQuickReplies() {
    ui.log.querySelectorAll('.dbc-qrs').forEach((n) => n.remove());
  }

  function addMessage(role, text, quickReplies) {
    clearQuickReplies();
    const kind = ['user', 'bot', 'agent', 'system'].includes(role) ? role : 'bot';
    const el = h('div', { class: `msg msg-${kind}` });
    if (kind === 'agent') el.append(h('span', { class: 'dbc-label' }, t.agent));
    el.append(h('span', { class: 'dbc-text' }, String(text ?? '')));
    ui.log.append(el);
    if ((kind === 'bot' || kind === 'agent') && Array.isArray(quickReplies) && quickReplies.length) {
      ui.log.append(renderQuickReplies(quickReplies));
    }
    scrollDown();
    return el;
  }

  function renderQuickReplies(items) {
    const box = h('div', { class: 'dbc-qrs', role: 'group', 'aria-label': t.quickReplies });
    for (const qr of items) {
      if (!qr || typeof qr.title !== 'string' || !qr.title) continue;
      const payload = typeof qr.payload === 'string' && qr.payload ? qr.payload : qr.title;
      const button = h('button', { type: 'button', class: 'qr' }, qr.title);
      button.addEventListener(
        'click',
        () => {
          box.querySelectorAll('button').forEach((b) => {
            b.disabled = true;
          });
          send(payload, qr.title);
          ui.input.focus(); // the clicked button is removed, keep focus inside the panel
        },
        { once: true },
      );
      box.append(button);
    }
    return box;
  }

  function renderHistory(messages) {
    ui.log.replaceChildren();
    const last = messages.length - 1;
    messages.forEach((m, i) => addMessage(m && m.role, m && m.text, i === last ? m.quick_replies : null));
    if (!messages.length) addMessage('bot', t.greeting).dataset.local = 'greeting';
    // Messages still waiting for delivery stay visible at the end.
    for (const item of state.queue) ui.log.append(item.el);
    scrollDown();
  }

  function setTyping(on) {
    clearTimeout(state.typingTimer);
    ui.typing.hidden = !on;
    // Never leave the indicator spinning if the reply got lost.
    if (on) {
      state.typingTimer = setTimeout(() => setTyping(false), 30000);
      scrollDown();
    }
  }

  function notify(detail) {
    if (detail) console.warn('[dbarai-chat]', detail);
    ui.notice.textContent = t.error;
    ui.notice.hidden = false;
    clearTimeout(state.noticeTimer);
    state.noticeTimer = setTimeout(() => {
      ui.notice.hidden = true;
    }, 8000);
  }

  /** Handles a socket frame or one reply object of the webhook fallback. */
  function handleFrame(f) {
    if (!f || typeof f !== 'object') return;
    if (f.type === 'typing') return setTyping(f.done !== true); // done: the turn went to an agent, no bot reply follows
    if (f.type === 'error') {
      setTyping(false);
      return notify(f.error);
    }
    if (f.type === 'message' || (!f.type && typeof f.text === 'string')) {
      setTyping(false);
      addMessage(f.from === 'agent' ? 'agent' : 'bot', f.text, f.quick_replies);
      if (!state.isOpen) ui.badge.hidden = false;
    }
  }

  // ---- server communication ------------------------------------------------

  function setUser(id) {
    state.user = id;
    storage.set('localStorage', STORE_KEY, id);
  }

  async function ensureUser() {
    if (state.user) return state.user;
    const res = await fetch(`${server}/api/session`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
    if (!res.ok) throw new Error(`session: HTTP ${res.status}`);
    const data = await res.json();
    if (!data || typeof data.user !== 'string' || !data.user) throw new Error('session: no user id');
    setUser(data.user);
    return data.user;
  }

  /** GET the history. Returns null when the stored id is unknown to the server (it is dropped). */
  async function fetchHistory() {
    const user = await ensureUser();
    const res = await fetch(`${server}/api/history?user=${encodeURIComponent(user)}`);
    if (res.status === 401) {
      if (state.user === user) setUser(null);
      return null;
    }
    if (!res.ok) throw new Error(`history: HTTP ${res.status}`);
    const data = await res.json();
    return Array.isArray(data && data.messages) ? data.messages : [];
  }

  async function loadHistory() {
    let messages = await fetchHistory();
    if (messages === null) messages = (await fetchHistory()) || []; // fresh session
    renderHistory(messages);
  }

  async function connect() {
    if (state.ws || state.connecting) return;
    clearTimeout(state.retryTimer);
    state.connecting = true;
    state.phase = 'connecting';
    let ws;
    try {
      await ensureUser();
      ws = new WebSocket(`${wsServer}/api/messages?user=${encodeURIComponent(state.user)}`);
    } catch {
      state.connecting = false;
      return socketDown(false);
    }
    state.connecting = false;
    state.ws = ws;
    let opened = false;
    ws.onopen = async () => {
      opened = true;
      state.attempt = 0;
      setOnline(true);
      // Messages (e.g. from an agent) may have arrived while we were offline.
      if (state.wasDown) {
        state.wasDown = false;
        await loadHistory().catch(() => {});
      }
      drain();
    };
    ws.onmessage = (e) => {
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      handleFrame(frame);
    };
    ws.onclose = (e) => {
      if (state.ws === ws) state.ws = null;
      socketDown(opened, e.code);
    };
  }

  function socketDown(wasOpen, code) {
    setOnline(false);
    setTyping(false);
    state.wasDown = true;
    // A refused WebSocket upgrade hides its HTTP status, so ask the history endpoint
    // whether the stored id is still valid (401 drops it; the next attempt gets a new one).
    if (!wasOpen || code === 1008 || code === 4401) fetchHistory().catch(() => {});
    const delay = Math.min(MAX_DELAY, 1000 * 2 ** state.attempt);
    state.attempt += 1;
    state.retryTimer = setTimeout(connect, delay);
    drain(); // queued messages can still go through the webhook fallback
  }

  function setOnline(on) {
    state.phase = on ? 'open' : 'down';
    ui.offline.hidden = on;
    ui.root.classList.toggle('dbc-offline', !on);
  }

  /** Deliver queued messages in order: over the socket when open, else via the webhook. */
  async function drain() {
    if (state.draining) return;
    state.draining = true;
    try {
      while (state.queue.length) {
        const item = state.queue[0];
        if (state.phase === 'open' && state.ws && state.ws.readyState === WebSocket.OPEN) {
          state.ws.send(JSON.stringify({ type: 'message', text: item.text, user: state.user }));
        } else if (state.phase === 'connecting' || !(await postWebhook(item.text))) {
          break; // wait for the socket (or the next retry)
        }
        state.queue.shift();
        item.el.classList.remove('dbc-pending');
      }
    } finally {
      state.draining = false;
    }
    if (state.queue.length && state.phase === 'open') drain(); // socket opened meanwhile
  }

  /** Webhook fallback. Resolves true when the message was handled (delivered or rejected). */
  async function postWebhook(text, retried) {
    try {
      const user = await ensureUser();
      setTyping(true);
      const res = await fetch(`${server}/api/messages`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ type: 'message', text, user, channel: 'webhook' }),
      });
      if (res.status === 401 && !retried) {
        setUser(null);
        return postWebhook(text, true);
      }
      if (res.status >= 500 || res.status === 429) {
        setTyping(false);
        return false;
      }
      if (!res.ok) {
        notify(`webhook: HTTP ${res.status}`);
        return true;
      } // rejected: do not retry forever
      const replies = await res.json();
      setTyping(false);
      (Array.isArray(replies) ? replies : [replies]).forEach(handleFrame);
      return true;
    } catch {
      setTyping(false);
      return false;
    }
  }

  // ---- public actions ------------------------------------------------------

  function start() {
    if (state.started) return;
    state.started = true;
    state.phase = 'connecting';
    loadHistory()
      .catch((err) => {
        console.warn('[dbarai-chat]', err);
        renderHistory([]);
      })
      .finally(connect);
  }

  /** Show `display` (or `text`) as the user's bubble and deliver `text`. */
  function send(text, display) {
    const value = String(text ?? '').trim();
    if (!value) return false;
    const el = addMessage('user', display || value);
    el.classList.add('dbc-pending');
    state.queue.push({ text: value, el });
    start();
    drain();
    return true;
  }

  function open(options) {
    start();
    if (state.isOpen) return;
    state.isOpen = true;
    ui.panel.hidden = false;
    ui.root.classList.add('dbc-open');
    ui.bubble.setAttribute('aria-expanded', 'true');
    ui.badge.hidden = true;
    storage.set('sessionStorage', OPEN_KEY, '1');
    scrollDown();
    if (!(options && options.restore)) ui.input.focus();
  }

  function close() {
    if (!state.isOpen) return;
    state.isOpen = false;
    ui.panel.hidden = true;
    ui.root.classList.remove('dbc-open');
    ui.bubble.setAttribute('aria-expanded', 'false');
    storage.set('sessionStorage', OPEN_KEY, null);
    ui.bubble.focus();
  }

  function init() {
    build();
    bindEvents();
    // Returning visitor with a conversation: connect now so agent replies arrive (unread badge).
    if (state.user) start();
    // Keep the panel open across page navigation within the tab, without stealing focus.
    if (storage.get('sessionStorage', OPEN_KEY)) open({ restore: true });
  }

  window.dbaraiChat = { open: () => open(), close, send: (text) => send(text) };
  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init, { once: true });
})();
