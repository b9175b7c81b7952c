import { describe, expect, it } from 'vitest';
import { settingsFrom } from '../../../public/widget/config.js';

const env = { scriptSrc: 'https://bot.example/widget.js', pageUrl: 'https://shop.example/help', isColor: (c: string) => /^#[0-9a-f]{3,6}$/i.test(c) };

describe('widget settings from the script tag', () => {
  it('talks to the server the script came from, unless data-server names one', () => {
    expect(settingsFrom({}, env)).toMatchObject({ server: 'https://bot.example', wsServer: 'wss://bot.example' });
    expect(settingsFrom({ server: 'http://127.0.0.1:3000/' }, env)).toMatchObject({ server: 'http://127.0.0.1:3000', wsServer: 'ws://127.0.0.1:3000' });
    expect(settingsFrom({ server: '' }, { ...env, scriptSrc: '/widget.js' })).toMatchObject({ server: 'https://shop.example' });
  });

  it('speaks data-lang, else the page language, else Japanese', () => {
    expect(settingsFrom({ lang: 'en' }, { ...env, pageLang: 'ja' }).lang).toBe('en');
    expect(settingsFrom({}, { ...env, pageLang: 'en-GB' }).lang).toBe('en');
    expect(settingsFrom({}, env).lang).toBe('ja');
  });

  it('refuses a colour the browser does not accept and a position other than left or right', () => {
    expect(settingsFrom({ color: 'red;background:url(x)', position: 'top' }, env)).toMatchObject({ color: '#cc0033', position: 'right' });
    expect(settingsFrom({ color: '#0a7', position: 'left' }, env)).toMatchObject({ color: '#0a7', position: 'left' });
  });
});
