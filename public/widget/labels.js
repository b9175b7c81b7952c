// The widget's own words in Japanese and English; which set shows follows the conversation's language.

/** @typedef {'ja' | 'en'} Lang */

export const LABELS = {
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
    tooLong: 'メッセージが長すぎます。短くしてからもう一度送信してください。',
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
    tooLong: 'That message is too long. Please shorten it and send it again.',
    greeting: "Hello! If you can't log in to d払い, just ask here.\nPlease tell us briefly what is happening.",
  },
};

/**
 * A language tag as one of ours ('en…' → 'en', anything else → 'ja'); null when there is no tag.
 * @param {unknown} tag
 * @returns {Lang | null}
 */
export function langOf(tag) {
  if (typeof tag !== 'string' || !tag.trim()) return null;
  return /^en/i.test(tag.trim()) ? 'en' : 'ja';
}

/**
 * The labels for a language, with the title: the page's own `data-title` while the conversation is in the
 * page's language (it was written for it), the built-in title once the conversation is in the other.
 * @param {Lang} lang
 * @param {{ lang: Lang, title: string | null }} settings
 */
export function labelsFor(lang, settings) {
  const labels = LABELS[lang] || LABELS.ja;
  return { ...labels, title: settings.title && lang === settings.lang ? settings.title : labels.title };
}
