/*
 * d払い login-support chat widget: the one tag a site embeds.
 *
 *   <script src="https://bot.example/widget.js" defer data-lang="ja" data-title="d払い ログインサポート"
 *           data-color="#cc0033" data-position="right" data-server="https://bot.example"></script>
 *
 * This classic script only reads its own data-* attributes and imports the widget's modules
 * (widget/main.js and what it imports) from where it was itself served; cross-origin, the server
 * answers those with CORS for the sites in ALLOWED_ORIGINS. Calls to window.dbaraiChat made before
 * the modules arrive are kept and replayed.
 */
(() => {
  'use strict';
  if (window.dbaraiChat) return; // embedded twice: keep the first

  // document.currentScript is only set while this file first runs.
  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const src = script && script.src ? script.src : new URL('/widget.js', location.href).href;
  const calls = [];
  const later =
    (name) =>
    (...args) =>
      void calls.push([name, args]);
  window.dbaraiChat = { open: later('open'), close: later('close'), send: later('send') };

  // Any element on the page with data-dbarai-chat-open opens the chat.
  document.addEventListener('click', (e) => {
    if (!(e.target instanceof Element) || !e.target.closest('[data-dbarai-chat-open]')) return;
    e.preventDefault();
    window.dbaraiChat.open();
  });

  import(new URL('widget/main.js', src).href)
    .then((widget) => widget.mount({ data: { ...(script ? script.dataset : {}) }, scriptSrc: src, calls }))
    .catch((err) => console.warn('[dbarai-chat] the widget could not load', err));
})();
