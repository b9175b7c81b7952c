/*
 * Agent console for the d払い login-support chatbot.
 * Plain JavaScript, no dependencies, CSP-safe (no inline code, no eval).
 * SECURITY: every piece of ticket / summary / transcript data is rendered with
 * textContent or createTextNode — never innerHTML.
 */
(function () {
  'use strict';

  var API = '/agent/api';
  var TOKEN_KEY = 'agentConsoleToken';
  var BASE_TITLE = 'エージェントコンソール';
  var FIRST_MESSAGE_MAX = 60;

  // ---------------------------------------------------------------- labels
  var L = {
    status: { waiting: '待機中', claimed: '対応中', closed: '完了', cancelled: '取り消し' },
    channel: { web: 'Web', slack: 'Slack' },
    lang: { ja: '日本語', en: '英語' },
    reason: {
      asked: '本人が希望',
      offer_accepted: '案内後に希望',
      urgent_fraud: '至急: 不正利用',
      urgent_lost: '至急: 紛失',
    },
    carrier: { docomo: 'ドコモ回線', other: '他社回線' },
    switched: { yes: 'あり', no: 'なし' },
    network: { wifi: 'Wi-Fi', mobile: 'モバイルデータ' },
    os: { ios: 'iOS', android: 'Android' },
    app_version: { latest: '最新', outdated: '古い' },
    remedy: {
      recreate_account: 'dアカウント再発行',
      disable_wifi: 'Wi-Fiオフ',
      update_app_os: 'アプリ/OS更新',
      wait_retry: '時間をおいて再試行',
      contact_center: 'インフォメーションセンター案内',
    },
    role: { user: 'お客様', bot: 'ボット', agent: '担当者', system: 'システム' },
  };
  var KNOWN_SLOTS = ['carrier', 'carrierRaw', 'switched', 'network', 'os', 'app_version', 'error_code'];

  // ----------------------------------------------------------------- state
  var state = {
    token: null,
    me: null,
    filter: 'waiting',
    tickets: new Map(), // id -> Ticket
    fresh: new Set(), // ids of tickets that arrived live and are not yet opened
    unread: new Set(), // ids with new customer messages since last opened
    currentId: null,
    current: null, // Ticket currently open
    loading: false,
    loadSeq: 0,
    buffered: [], // SSE messages for currentId received while loading
    rendered: new Set(), // dedupe keys of transcript lines shown
    pending: [], // locally echoed agent messages awaiting SSE echo
    echoed: [], // agent messages the live stream showed before our POST returned
    es: null,
    esRetry: null,
    everConnected: false,
    busy: false,
  };
  var memoryToken = null;

  // ------------------------------------------------------------------- DOM
  function $(id) {
    return document.getElementById(id);
  }
  var el = {};

  function h(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // --------------------------------------------------------------- storage
  function loadToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return memoryToken;
    }
  }
  function saveToken(t) {
    memoryToken = t;
    try {
      if (t) window.sessionStorage.setItem(TOKEN_KEY, t);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage unavailable: keep in memory only */
    }
  }

  function tokenFromFragment() {
    var hash = window.location.hash || '';
    if (hash.length < 2) return null;
    var params;
    try {
      params = new URLSearchParams(hash.slice(1));
    } catch {
      return null;
    }
    var t = params.get('token');
    if (t === null) return null;
    // Remove the secret from the address bar (and from history).
    try {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    } catch {
      window.location.hash = '';
    }
    t = t.trim();
    return t || null;
  }

  // ------------------------------------------------------------ formatting
  function ageText(ms) {
    var diff = Date.now() - Number(ms);
    if (!isFinite(diff) || diff < 60000) return 'たった今';
    var min = Math.floor(diff / 60000);
    if (min < 60) return min + '分前';
    var hr = Math.floor(min / 60);
    if (hr < 24) return hr + '時間前';
    return Math.floor(hr / 24) + '日前';
  }
  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function timeText(ms) {
    var d = new Date(Number(ms));
    if (isNaN(d.getTime())) return '';
    var now = new Date();
    var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    if (d.toDateString() === now.toDateString()) return hm;
    return d.getMonth() + 1 + '/' + d.getDate() + ' ' + hm;
  }
  function fullTime(ms) {
    var d = new Date(Number(ms));
    if (isNaN(d.getTime())) return '';
    return (
      d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds())
    );
  }
  function label(map, value) {
    if (value === null || value === undefined || value === '') return null;
    return Object.prototype.hasOwnProperty.call(map, value) ? map[value] : String(value);
  }
  function truncate(s, n) {
    s = String(s || '')
      .replace(/\s+/g, ' ')
      .trim();
    var chars = Array.from(s);
    return chars.length > n ? chars.slice(0, n).join('') + '…' : s;
  }
  function isUrgent(t) {
    return t.priority === 'urgent' || (t.summary && /^urgent_/.test(String(t.summary.reason || '')));
  }
  function statusGroup(status) {
    return status === 'cancelled' ? 'closed' : status;
  }

  // ------------------------------------------------------------- notices
  function notify(message, kind, detail) {
    kind = kind || 'error';
    var box = h('div', 'notice notice-' + kind);
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    var txt = h('span', 'notice-text', message);
    box.appendChild(txt);
    if (detail) box.appendChild(h('span', 'notice-detail', '（' + detail + '）'));
    var x = h('button', 'notice-close', '×');
    x.type = 'button';
    x.setAttribute('aria-label', 'お知らせを閉じる');
    x.addEventListener('click', function () {
      box.remove();
    });
    box.appendChild(x);
    el.notices.appendChild(box);
    while (el.notices.children.length > 4) el.notices.removeChild(el.notices.firstChild);
    setTimeout(
      function () {
        if (box.parentNode) box.remove();
      },
      kind === 'error' ? 12000 : 6000,
    );
    return box;
  }
  function announce(text) {
    el.live.textContent = '';
    setTimeout(function () {
      el.live.textContent = text;
    }, 50);
  }

  // ------------------------------------------------------------------ API
  function ApiError(status, message, detail) {
    this.status = status;
    this.message = message;
    this.detail = detail;
  }

  function api(method, path, body) {
    var opts = {
      method: method,
      headers: { Authorization: 'Bearer ' + state.token, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
    };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(API + path, opts).then(
      function (res) {
        return res.text().then(function (raw) {
          var data = null;
          if (raw) {
            try {
              data = JSON.parse(raw);
            } catch {
              data = null;
            }
          }
          if (res.ok) return data || {};
          var detail = data && typeof data.error === 'string' ? data.error : null;
          throw new ApiError(res.status, null, detail);
        });
      },
      function () {
        throw new ApiError(0, 'サーバーに接続できません。ネットワークを確認してください。', null);
      },
    );
  }

  /** Turn an API failure into a visible notice. `context` picks the 409 wording. */
  function handleError(err, context) {
    if (!(err instanceof ApiError)) {
      notify('予期しないエラーが発生しました。', 'error', err && err.message ? String(err.message) : null);
      return;
    }
    if (err.status === 401) {
      signOut('セッションが無効になりました。もう一度サインインしてください。');
      return;
    }
    var msg = err.message;
    if (!msg) {
      if (err.status === 409) {
        if (context === 'claim') msg = '他の担当者が対応中です';
        else if (context === 'send') msg = 'この問い合わせは完了しているため送信できません';
        else if (context === 'close') msg = 'この問い合わせは完了にできません（既に完了しているか、他の担当者が対応中です）';
        else msg = '操作が競合しました';
      } else if (err.status === 404) msg = '問い合わせが見つかりません';
      else if (err.status === 403) msg = 'この操作は許可されていません';
      else if (err.status === 400) msg = '入力内容が正しくありません';
      else if (err.status === 429) msg = '操作が多すぎます。しばらく待ってから再度お試しください';
      else msg = 'サーバーエラーが発生しました（' + err.status + '）';
    }
    notify(msg, 'error', err.detail);
  }

  // --------------------------------------------------------------- sign-in
  function showLogin(errorText) {
    el.loginView.hidden = false;
    el.app.hidden = true;
    el.user.hidden = true;
    el.signout.hidden = true;
    el.conn.hidden = true;
    if (errorText) {
      el.signinError.textContent = errorText;
      el.signinError.hidden = false;
    } else {
      el.signinError.hidden = true;
      el.signinError.textContent = '';
    }
    document.title = BASE_TITLE;
    setTimeout(function () {
      el.tokenInput.focus();
    }, 0);
  }

  function trySignIn(token, fromForm) {
    state.token = token;
    el.signinBtn.disabled = true;
    return api('GET', '/me').then(
      function (me) {
        el.signinBtn.disabled = false;
        state.me = me && typeof me.name === 'string' ? me.name : '';
        saveToken(token);
        el.tokenInput.value = '';
        startApp();
      },
      function (err) {
        el.signinBtn.disabled = false;
        state.token = null;
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          saveToken(null);
          showLogin(fromForm ? 'トークンが正しくありません。' : 'トークンが無効です。もう一度サインインしてください。');
        } else {
          // Network or server error: keep the stored token so a reload can retry.
          showLogin(err && err.message ? err.message : 'サインインできませんでした。');
        }
      },
    );
  }

  function signOut(message) {
    stopEvents();
    saveToken(null);
    state.token = null;
    state.me = null;
    state.tickets.clear();
    state.fresh.clear();
    state.unread.clear();
    closeDetail();
    clear(el.queue);
    showLogin(message || null);
  }

  function startApp() {
    el.loginView.hidden = true;
    el.app.hidden = false;
    el.user.hidden = false;
    el.signout.hidden = false;
    el.conn.hidden = false;
    el.name.textContent = state.me || '（名前なし）';
    setFilter(state.filter, false);
    refreshTickets(true);
    startEvents();
  }

  // ---------------------------------------------------------------- queue
  function refreshTickets(initial) {
    return api('GET', '/tickets').then(
      function (data) {
        var list = Array.isArray(data.tickets) ? data.tickets : [];
        var seen = new Set();
        list.forEach(function (t) {
          if (!t || typeof t.id !== 'string') return;
          if (!initial && !state.tickets.has(t.id) && t.status === 'waiting') state.fresh.add(t.id);
          state.tickets.set(t.id, t);
          seen.add(t.id);
        });
        state.tickets.forEach(function (_t, id) {
          if (!seen.has(id)) state.tickets.delete(id);
        });
        renderQueue();
        if (state.currentId && state.tickets.has(state.currentId)) {
          state.current = state.tickets.get(state.currentId);
          renderTicketHeader();
          renderSummary();
          updateActions();
        }
      },
      function (err) {
        handleError(err, 'list');
      },
    );
  }

  function sortedFor(filter) {
    var arr = [];
    state.tickets.forEach(function (t) {
      if (statusGroup(t.status) === filter) arr.push(t);
    });
    arr.sort(function (a, b) {
      if (filter === 'waiting') {
        var ua = isUrgent(a) ? 0 : 1,
          ub = isUrgent(b) ? 0 : 1;
        if (ua !== ub) return ua - ub;
        return (a.createdAt || 0) - (b.createdAt || 0);
      }
      if (filter === 'claimed') {
        var ma = a.agent === state.me ? 0 : 1,
          mb = b.agent === state.me ? 0 : 1;
        if (ma !== mb) return ma - mb;
      }
      return (b.updatedAt || 0) - (a.updatedAt || 0);
    });
    return arr;
  }

  function renderCounts() {
    var counts = { waiting: 0, claimed: 0, closed: 0 };
    state.tickets.forEach(function (t) {
      var g = statusGroup(t.status);
      if (counts[g] !== undefined) counts[g]++;
    });
    Array.prototype.forEach.call(document.querySelectorAll('.tab-count'), function (n) {
      n.textContent = String(counts[n.getAttribute('data-count')] || 0);
    });
    document.title = counts.waiting > 0 ? '(' + counts.waiting + ') ' + BASE_TITLE : BASE_TITLE;
    var anyFresh = false;
    state.fresh.forEach(function (id) {
      var t = state.tickets.get(id);
      if (t && t.status === 'waiting') anyFresh = true;
    });
    $('agent-tab-waiting').classList.toggle('has-new', anyFresh);
  }

  function renderQueue() {
    renderCounts();
    var list = sortedFor(state.filter);
    var focusedId =
      document.activeElement && document.activeElement.classList && document.activeElement.classList.contains('ticket-item')
        ? document.activeElement.getAttribute('data-id')
        : null;
    clear(el.queue);
    list.forEach(function (t) {
      el.queue.appendChild(queueItem(t));
    });
    el.queueEmpty.hidden = list.length > 0;
    if (focusedId) {
      var again = el.queue.querySelector('.ticket-item[data-id="' + cssEscape(focusedId) + '"]');
      if (again) again.focus();
    }
  }

  function cssEscape(s) {
    if (window.CSS && typeof window.CSS.escape === 'function') return window.CSS.escape(s);
    return String(s).replace(/[^a-zA-Z0-9_-]/g, function (c) {
      return '\\' + c.charCodeAt(0).toString(16) + ' ';
    });
  }

  function queueItem(t) {
    var li = h('li', 'queue-row');
    var b = h('button', 'ticket-item');
    b.type = 'button';
    b.setAttribute('data-id', t.id);
    b.setAttribute('data-status', t.status);
    if (isUrgent(t)) b.classList.add('is-urgent');
    if (state.fresh.has(t.id)) b.classList.add('is-new');
    if (state.unread.has(t.id)) b.classList.add('has-unread');
    if (t.id === state.currentId) {
      b.classList.add('is-selected');
      b.setAttribute('aria-current', 'true');
    }

    var top = h('span', 'ti-top');
    if (isUrgent(t)) top.appendChild(h('span', 'badge badge-urgent', '至急'));
    if (state.fresh.has(t.id)) top.appendChild(h('span', 'badge badge-new', '新着'));
    top.appendChild(h('span', 'ti-id', t.id));
    var age = h('span', 'ti-age', ageText(t.createdAt));
    age.setAttribute('data-age', String(t.createdAt));
    age.title = fullTime(t.createdAt);
    top.appendChild(age);
    b.appendChild(top);

    var meta = h('span', 'ti-meta');
    meta.appendChild(h('span', 'chip', label(L.channel, t.channel) || '—'));
    meta.appendChild(h('span', 'chip', label(L.lang, t.lang) || '—'));
    if (t.status === 'cancelled') meta.appendChild(h('span', 'chip chip-muted', '取り消し'));
    if (t.agent && t.status !== 'waiting') {
      meta.appendChild(h('span', 'ti-agent' + (t.agent === state.me ? ' is-me' : ''), t.agent === state.me ? '自分' : t.agent));
    }
    if (state.unread.has(t.id)) meta.appendChild(h('span', 'ti-unread', '新着メッセージ'));
    b.appendChild(meta);

    var first = t.summary && t.summary.firstMessage ? t.summary.firstMessage : '';
    var msg = h('span', 'ti-msg', first ? truncate(first, FIRST_MESSAGE_MAX) : '（メッセージなし）');
    if (!first) msg.classList.add('muted');
    b.appendChild(msg);

    b.addEventListener('click', function () {
      openTicket(t.id);
    });
    li.appendChild(b);
    return li;
  }

  function refreshAges() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-age]'), function (n) {
      n.textContent = ageText(n.getAttribute('data-age'));
    });
  }

  function setFilter(filter, focusTab) {
    state.filter = filter;
    Array.prototype.forEach.call(el.tabs, function (tab) {
      var on = tab.getAttribute('data-filter') === filter;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle('is-active', on);
      if (on) {
        $('agent-queue-panel').setAttribute('aria-labelledby', tab.id);
        if (focusTab) tab.focus();
      }
    });
    renderQueue();
  }

  // --------------------------------------------------------------- detail
  function closeDetail() {
    state.currentId = null;
    state.current = null;
    state.loadSeq++;
    state.buffered = [];
    state.rendered = new Set();
    state.pending = [];
    state.echoed = [];
    el.detailBody.hidden = true;
    el.detailEmpty.hidden = false;
  }

  function openTicket(id) {
    var switching = id !== state.currentId;
    state.currentId = id;
    state.current = state.tickets.get(id) || null;
    state.fresh.delete(id);
    state.unread.delete(id);
    var seq = ++state.loadSeq;
    state.loading = true;
    state.buffered = [];
    if (switching) {
      el.reply.value = '';
      el.note.value = '';
    }
    renderQueue();
    el.detailEmpty.hidden = true;
    el.detailBody.hidden = false;
    if (state.current) {
      renderTicketHeader();
      renderSummary();
    }
    updateActions();
    if (switching) {
      clear(el.transcript);
      el.transcript.appendChild(h('p', 'transcript-loading muted', '読み込み中…'));
    }

    return api('GET', '/tickets/' + encodeURIComponent(id)).then(
      function (data) {
        if (seq !== state.loadSeq) return;
        state.loading = false;
        if (data.ticket && data.ticket.id) {
          state.tickets.set(data.ticket.id, data.ticket);
          state.current = data.ticket;
        }
        renderQueue();
        renderTicketHeader();
        renderSummary();
        renderTranscript(Array.isArray(data.transcript) ? data.transcript : []);
        var buf = state.buffered;
        state.buffered = [];
        buf.forEach(appendLiveMessage);
        updateActions();
      },
      function (err) {
        if (seq !== state.loadSeq) return;
        state.loading = false;
        handleError(err, 'open');
        if (err instanceof ApiError && err.status === 404) {
          state.tickets.delete(id);
          closeDetail();
          renderQueue();
        } else {
          clear(el.transcript);
          el.transcript.appendChild(h('p', 'transcript-loading muted', '会話履歴を読み込めませんでした。'));
          updateActions();
        }
      },
    );
  }

  function badge(cls, text) {
    return h('span', 'badge ' + cls, text);
  }

  function renderTicketHeader() {
    var t = state.current;
    if (!t) return;
    el.ticketTitle.textContent = t.id;
    clear(el.ticketBadges);
    if (isUrgent(t)) el.ticketBadges.appendChild(badge('badge-urgent', '至急'));
    el.ticketBadges.appendChild(badge('badge-status badge-' + t.status, label(L.status, t.status) || '—'));

    clear(el.ticketMeta);
    var parts = [
      ['チャネル', label(L.channel, t.channel) || '—'],
      ['言語', label(L.lang, t.lang) || '—'],
      ['受付', fullTime(t.createdAt) + '（' + ageText(t.createdAt) + '）'],
      ['担当', t.agent ? (t.agent === state.me ? t.agent + '（自分）' : t.agent) : '未割り当て'],
    ];
    parts.forEach(function (p) {
      var s = h('span', 'meta-item');
      s.appendChild(h('span', 'meta-key', p[0]));
      s.appendChild(document.createTextNode(p[1]));
      el.ticketMeta.appendChild(s);
    });
    if (t.conversationId) {
      var c = h('span', 'meta-item');
      c.appendChild(h('span', 'meta-key', '会話ID'));
      c.appendChild(h('code', 'meta-code', t.conversationId));
      el.ticketMeta.appendChild(c);
    }
  }

  function summaryRow(dl, key, value, opts) {
    var wrap = h('div', 'sum-item' + (opts && opts.wide ? ' sum-wide' : ''));
    wrap.appendChild(h('dt', null, key));
    var dd = h('dd');
    if (value === null || value === undefined || value === '') {
      dd.textContent = '未確認';
      dd.classList.add('muted');
    } else if (typeof value === 'string') {
      dd.textContent = value;
    } else {
      dd.appendChild(value);
    }
    wrap.appendChild(dd);
    dl.appendChild(wrap);
    return dd;
  }

  function renderSummary() {
    var t = state.current;
    clear(el.summary);
    if (!t) return;
    var sum = t.summary || {};
    var slots = sum.slots || {};

    var head = h('div', 'summary-head');
    head.appendChild(h('h3', 'section-title', 'ボットの聞き取り'));
    var reason = label(L.reason, sum.reason);
    if (reason) {
      var r = h('span', 'reason' + (/^urgent_/.test(String(sum.reason)) ? ' reason-urgent' : ''));
      r.appendChild(h('span', 'reason-key', '理由'));
      r.appendChild(document.createTextNode(reason));
      head.appendChild(r);
    }
    el.summary.appendChild(head);

    var dl = h('dl', 'summary-grid');

    var carrier = label(L.carrier, slots.carrier);
    if (slots.carrier === 'other' && slots.carrierRaw) carrier += '（' + slots.carrierRaw + '）';
    else if (!carrier && slots.carrierRaw) carrier = String(slots.carrierRaw);
    summaryRow(dl, '回線', carrier);
    summaryRow(dl, '乗り換え', label(L.switched, slots.switched));
    summaryRow(dl, '接続', label(L.network, slots.network));
    summaryRow(dl, 'OS', label(L.os, slots.os));
    summaryRow(dl, 'アプリ', label(L.app_version, slots.app_version));
    var code = null;
    if (slots.error_code) code = h('code', 'error-code', slots.error_code);
    summaryRow(dl, 'エラーコード', code);

    // Any extra slots the bot collected that this console does not know yet.
    Object.keys(slots).forEach(function (k) {
      if (KNOWN_SLOTS.indexOf(k) !== -1) return;
      var v = slots[k];
      if (v === null || v === undefined || v === '') return;
      summaryRow(dl, k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    });

    var remedies = Array.isArray(sum.remedies) ? sum.remedies : [];
    var rem = null;
    if (remedies.length) {
      rem = h('ul', 'remedies');
      remedies.forEach(function (r) {
        if (!r) return;
        var li = h('li', 'remedy');
        li.appendChild(h('span', 'remedy-name', label(L.remedy, r.remedy) || '—'));
        var res = r.worked === true ? '解決' : r.worked === false ? '未解決' : '結果不明';
        var cls = r.worked === true ? 'ok' : r.worked === false ? 'ng' : 'unknown';
        li.appendChild(h('span', 'remedy-result result-' + cls, res));
        rem.appendChild(li);
      });
    } else {
      rem = h('span', 'muted', 'なし');
    }
    summaryRow(dl, '試した対処と結果', rem, { wide: true });

    if (t.note) summaryRow(dl, '対応メモ', h('span', 'ticket-note', t.note), { wide: true });

    el.summary.appendChild(dl);
  }

  // ----------------------------------------------------------- transcript
  function lineKey(m) {
    return String(m.role) + '\u0000' + String(m.at) + '\u0000' + String(m.text);
  }

  function makeLine(m) {
    var role = L.role[m.role] ? m.role : 'system';
    var line = h('div', 'line line-' + role);
    var bubble = h('div', 'bubble');
    var meta = h('div', 'line-meta');
    meta.appendChild(h('span', 'line-who', L.role[role]));
    var time = h('time', 'line-time', timeText(m.at));
    if (m.at) time.setAttribute('datetime', new Date(Number(m.at)).toISOString());
    meta.appendChild(time);
    var text = h('div', 'line-text');
    text.appendChild(document.createTextNode(String(m.text === undefined || m.text === null ? '' : m.text)));
    bubble.appendChild(meta);
    bubble.appendChild(text);
    line.appendChild(bubble);
    return line;
  }

  function nearBottom() {
    var t = el.transcript;
    return t.scrollHeight - t.scrollTop - t.clientHeight < 80;
  }
  function scrollBottom() {
    el.transcript.scrollTop = el.transcript.scrollHeight;
  }

  function renderTranscript(lines) {
    clear(el.transcript);
    state.rendered = new Set();
    state.pending = [];
    state.echoed = [];
    if (!lines.length) {
      el.transcript.appendChild(h('p', 'transcript-empty muted', '会話履歴はありません。'));
    }
    lines.forEach(function (m) {
      if (!m) return;
      state.rendered.add(lineKey(m));
      el.transcript.appendChild(makeLine(m));
    });
    scrollBottom();
  }

  function appendLine(m, pendingLocal) {
    var empty = el.transcript.querySelector('.transcript-empty, .transcript-loading');
    if (empty) empty.remove();
    var stick = nearBottom() || pendingLocal;
    var line = makeLine(m);
    if (pendingLocal) line.classList.add('is-pending');
    el.transcript.appendChild(line);
    if (stick) scrollBottom();
    return line;
  }

  /** A message for the open ticket (from SSE, or buffered while loading). */
  function appendLiveMessage(m) {
    var key = lineKey(m);
    if (state.rendered.has(key)) return;
    if (m.role === 'agent') {
      for (var i = 0; i < state.pending.length; i++) {
        if (state.pending[i].text === m.text) {
          var p = state.pending.splice(i, 1)[0];
          p.line.classList.remove('is-pending');
          var tm = p.line.querySelector('.line-time');
          if (tm) tm.textContent = timeText(m.at);
          state.rendered.add(key);
          return;
        }
      }
      state.echoed.push(m.text); // the stream can beat the POST's answer
    }
    state.rendered.add(key);
    appendLine(m, false);
  }

  // --------------------------------------------------------------- actions
  function updateActions() {
    var t = state.current;
    var mine = !!(t && t.status === 'claimed' && t.agent === state.me);
    var canClaim = !!(t && t.status === 'waiting');
    var canClose = !!(t && (t.status === 'waiting' || mine));
    el.claim.disabled = !canClaim || state.busy;
    el.reply.disabled = !mine;
    el.send.disabled = !mine || state.busy;
    el.note.disabled = !canClose;
    el.close.disabled = !canClose || state.busy;

    var info = '';
    if (t) {
      if (t.status === 'waiting') info = 'お客様が担当者を待っています。';
      else if (mine) info = 'あなたが対応中です。';
      else if (t.status === 'claimed') info = (t.agent || '他の担当者') + ' さんが対応中です。';
      else if (t.status === 'closed') info = 'この問い合わせは完了しています。';
      else if (t.status === 'cancelled') info = 'お客様が取り消しました。';
    }
    el.claimInfo.textContent = info;
    el.reply.placeholder = mine ? 'お客様へのメッセージ（Ctrl+Enterで送信）' : '「対応する」を押すと返信できます';
  }

  function setBusy(b) {
    state.busy = b;
    updateActions();
  }

  function doClaim() {
    var t = state.current;
    if (!t || t.status !== 'waiting' || state.busy) return;
    var id = t.id;
    setBusy(true);
    api('POST', '/tickets/' + encodeURIComponent(id) + '/claim').then(
      function (data) {
        setBusy(false);
        if (data.ticket) applyTicket(data.ticket, false);
        notify(id + ' の対応を開始しました。', 'info');
        if (state.currentId === id && !el.reply.disabled) el.reply.focus();
      },
      function (err) {
        setBusy(false);
        handleError(err, 'claim');
        refreshOne(id);
      },
    );
  }

  function doSend() {
    var t = state.current;
    if (!t || el.reply.disabled || state.busy) return;
    var text = el.reply.value.trim();
    if (!text) {
      el.reply.focus();
      return;
    }
    var id = t.id;
    setBusy(true);
    api('POST', '/tickets/' + encodeURIComponent(id) + '/messages', { text: text }).then(
      function (data) {
        setBusy(false);
        if (state.currentId === id) {
          if (el.reply.value.trim() === text) el.reply.value = '';
          var seen = state.echoed.indexOf(text);
          if (seen >= 0) {
            state.echoed.splice(seen, 1); // already shown by the live stream
          } else {
            var line = appendLine({ role: 'agent', text: text, at: Date.now() }, true);
            state.pending.push({ text: text, line: line });
          }
          el.reply.focus();
        }
        if (data && data.delivered === false) {
          notify('お客様は現在接続していないため、メッセージは未配信です（記録は保存されました）。', 'warn');
        }
      },
      function (err) {
        setBusy(false);
        handleError(err, 'send');
        if (err instanceof ApiError && err.status === 409) refreshOne(id);
      },
    );
  }

  function doClose() {
    var t = state.current;
    if (!t || el.close.disabled || state.busy) return;
    var id = t.id;
    var note = el.note.value.trim();
    setBusy(true);
    api('POST', '/tickets/' + encodeURIComponent(id) + '/close', { note: note }).then(
      function (data) {
        setBusy(false);
        if (state.currentId === id) el.note.value = '';
        if (data.ticket) applyTicket(data.ticket, false);
        notify(id + ' を完了にしました。', 'info');
      },
      function (err) {
        setBusy(false);
        handleError(err, 'close');
        refreshOne(id);
      },
    );
  }

  function refreshOne(id) {
    return api('GET', '/tickets/' + encodeURIComponent(id)).then(
      function (data) {
        if (data.ticket) applyTicket(data.ticket, false);
      },
      function () {
        /* the original error is already shown */
      },
    );
  }

  /** Merge an updated ticket into state and the UI. */
  function applyTicket(t, live) {
    if (!t || typeof t.id !== 'string') return;
    var prev = state.tickets.get(t.id);
    if (prev && prev.updatedAt && t.updatedAt && t.updatedAt < prev.updatedAt) return; // stale
    state.tickets.set(t.id, t);
    if (live && !prev && t.status === 'waiting') {
      state.fresh.add(t.id);
      announce('新しい問い合わせ ' + t.id + (isUrgent(t) ? '（至急）' : '') + ' が届きました');
    }
    if (t.status !== 'waiting') state.fresh.delete(t.id);
    if (t.id === state.currentId) {
      var wasStatus = state.current ? state.current.status : null;
      state.current = t;
      renderTicketHeader();
      renderSummary();
      updateActions();
      if (live && wasStatus && wasStatus !== t.status) {
        if (t.status === 'cancelled') notify(t.id + ' はお客様により取り消されました。', 'warn');
        else if (t.status === 'claimed' && t.agent !== state.me) notify(t.id + ' は ' + (t.agent || '他の担当者') + ' さんが対応を開始しました。', 'warn');
        else if (t.status === 'closed' && t.agent !== state.me) notify(t.id + ' は完了になりました。', 'info');
      }
    }
    renderQueue();
  }

  // ------------------------------------------------------------------- SSE
  function setConn(s) {
    el.conn.setAttribute('data-state', s);
    el.connText.textContent = s === 'open' ? '接続中' : '切断';
    el.conn.title = s === 'open' ? 'リアルタイム更新を受信しています' : 'リアルタイム更新が切断されています（自動で再接続します）';
  }

  function parseData(ev) {
    try {
      return JSON.parse(ev.data);
    } catch {
      return null;
    }
  }

  function startEvents() {
    stopEvents();
    if (typeof window.EventSource !== 'function') {
      setConn('closed');
      return;
    }
    setConn('closed');
    var es = new EventSource(API + '/events?token=' + encodeURIComponent(state.token));
    state.es = es;
    es.addEventListener('open', function () {
      if (state.es !== es) return;
      var reconnect = state.everConnected;
      state.everConnected = true;
      setConn('open');
      if (reconnect) {
        // We may have missed events while disconnected: resync.
        refreshTickets(false);
        if (state.currentId) reloadTranscript();
      }
    });
    es.addEventListener('error', function () {
      if (state.es !== es) return;
      setConn('closed');
      if (es.readyState === 2) {
        // The browser gave up (e.g. HTTP error). Check the token, then retry ourselves.
        es.close();
        state.es = null;
        api('GET', '/me').then(
          function () {
            scheduleReconnect();
          },
          function (err) {
            if (err instanceof ApiError && err.status === 401) handleError(err);
            else scheduleReconnect();
          },
        );
      }
    });
    es.addEventListener('ticket', function (ev) {
      if (state.es !== es) return;
      var t = parseData(ev);
      if (t) applyTicket(t, true);
    });
    es.addEventListener('message', function (ev) {
      if (state.es !== es) return;
      var m = parseData(ev);
      if (!m || typeof m.ticketId !== 'string') return;
      onLiveMessage(m);
    });
  }

  function scheduleReconnect() {
    if (state.esRetry || !state.token) return;
    state.esRetry = setTimeout(function () {
      state.esRetry = null;
      if (state.token) startEvents();
    }, 5000);
  }

  function stopEvents() {
    if (state.esRetry) {
      clearTimeout(state.esRetry);
      state.esRetry = null;
    }
    if (state.es) {
      state.es.close();
      state.es = null;
    }
    state.everConnected = false;
    setConn('closed');
  }

  function onLiveMessage(m) {
    var t = state.tickets.get(m.ticketId);
    if (t && m.at && (!t.updatedAt || m.at > t.updatedAt)) t.updatedAt = m.at;
    if (m.ticketId === state.currentId) {
      if (state.loading) state.buffered.push(m);
      else appendLiveMessage(m);
      return;
    }
    if (m.role === 'user' && t && t.status === 'claimed' && t.agent === state.me) {
      state.unread.add(m.ticketId);
      renderQueue();
      announce(m.ticketId + ' にお客様から新しいメッセージがあります');
    }
  }

  function reloadTranscript() {
    var id = state.currentId;
    var seq = state.loadSeq;
    api('GET', '/tickets/' + encodeURIComponent(id)).then(
      function (data) {
        if (seq !== state.loadSeq || id !== state.currentId) return;
        if (data.ticket) applyTicket(data.ticket, false);
        (Array.isArray(data.transcript) ? data.transcript : []).forEach(function (m) {
          if (m) appendLiveMessage(m);
        });
      },
      function () {
        /* keep what we have */
      },
    );
  }

  // ----------------------------------------------------------------- setup
  function onTabKey(ev) {
    var keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
    if (keys.indexOf(ev.key) === -1) return;
    ev.preventDefault();
    var tabs = Array.prototype.slice.call(el.tabs);
    var i = tabs.indexOf(ev.currentTarget);
    if (ev.key === 'ArrowLeft') i = (i - 1 + tabs.length) % tabs.length;
    else if (ev.key === 'ArrowRight') i = (i + 1) % tabs.length;
    else if (ev.key === 'Home') i = 0;
    else i = tabs.length - 1;
    setFilter(tabs[i].getAttribute('data-filter'), true);
  }

  function onQueueKey(ev) {
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    var items = Array.prototype.slice.call(el.queue.querySelectorAll('.ticket-item'));
    var i = items.indexOf(document.activeElement);
    if (i === -1) return;
    ev.preventDefault();
    var j = ev.key === 'ArrowDown' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1);
    items[j].focus();
  }

  function init() {
    el = {
      notices: $('agent-notices'),
      live: $('agent-live'),
      loginView: $('agent-login-view'),
      signinForm: $('agent-signin-form'),
      signinBtn: $('agent-signin'),
      signinError: $('agent-signin-error'),
      tokenInput: $('agent-token'),
      app: $('agent-app'),
      user: $('agent-user'),
      name: $('agent-name'),
      signout: $('agent-signout'),
      conn: $('agent-conn'),
      connText: $('agent-conn-text'),
      tabs: document.querySelectorAll('.tab[data-filter]'),
      queue: $('agent-queue'),
      queueEmpty: $('agent-queue-empty'),
      detailEmpty: $('agent-detail-empty'),
      detailBody: $('agent-detail-body'),
      ticketTitle: $('agent-ticket-title'),
      ticketBadges: $('agent-ticket-badges'),
      ticketMeta: $('agent-ticket-meta'),
      summary: $('agent-summary'),
      transcript: $('agent-transcript'),
      claim: $('agent-claim'),
      claimInfo: $('agent-claim-info'),
      replyForm: $('agent-reply-form'),
      reply: $('agent-reply'),
      send: $('agent-send'),
      closeForm: $('agent-close-form'),
      note: $('agent-note'),
      close: $('agent-close'),
    };

    el.signinForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var t = el.tokenInput.value.trim();
      if (!t) {
        showLogin('トークンを入力してください。');
        return;
      }
      trySignIn(t, true);
    });
    el.signout.addEventListener('click', function () {
      signOut(null);
    });
    Array.prototype.forEach.call(el.tabs, function (tab) {
      tab.addEventListener('click', function () {
        setFilter(tab.getAttribute('data-filter'), false);
      });
      tab.addEventListener('keydown', onTabKey);
    });
    el.queue.addEventListener('keydown', onQueueKey);
    el.claim.addEventListener('click', doClaim);
    el.replyForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      doSend();
    });
    el.reply.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && !ev.isComposing) {
        ev.preventDefault();
        doSend();
      }
    });
    el.closeForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      doClose();
    });

    setInterval(refreshAges, 30000);
    window.addEventListener('hashchange', function () {
      var t = tokenFromFragment();
      if (t && t !== state.token) {
        stopEvents();
        trySignIn(t, false);
      }
    });

    var fromHash = tokenFromFragment();
    var token = fromHash || loadToken();
    if (token) {
      el.loginView.hidden = true;
      trySignIn(token, false);
    } else {
      showLogin(null);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
