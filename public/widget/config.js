// The widget's settings from its script tag's data-* attributes, with safe defaults.

import { langOf } from './labels.js';

const DEFAULT_COLOR = '#cc0033';

/**
 * @param {Record<string, string | undefined>} data the script tag's dataset
 * @param {{ pageLang?: string, scriptSrc: string, pageUrl: string, isColor: (value: string) => boolean }} env
 */
export function settingsFrom(data, env) {
  // data-server if given, else where the script came from; no trailing slash.
  const base = new URL(data.server || new URL(env.scriptSrc, env.pageUrl).origin, env.pageUrl);
  const server = (base.origin + base.pathname).replace(/\/+$/, '');
  return {
    /** The page's language: the widget speaks it until a bot message says otherwise. */
    lang: langOf(data.lang) || langOf(env.pageLang) || 'ja',
    title: data.title ? String(data.title) : null,
    color: data.color && env.isColor(data.color) ? data.color : DEFAULT_COLOR,
    position: data.position === 'left' ? 'left' : 'right',
    server,
    wsServer: server.replace(/^http/i, 'ws'),
  };
}
