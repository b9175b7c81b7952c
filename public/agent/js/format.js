// Times and short texts as the console shows them: "3分前", "14:05", "2026-12-02 14:05:09", a first message cut to length.

import { fill } from './labels.js';
import { TEXT } from './text.js';

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** How long ago `ms` was, roughly. */
export function ageText(/** @type {number | string} */ ms, now = Date.now()) {
  const diff = now - Number(ms);
  if (!Number.isFinite(diff) || diff < 60000) return TEXT.age.now;
  const minutes = Math.floor(diff / 60000);
  if (minutes < 60) return fill(TEXT.age.minutes, { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return fill(TEXT.age.hours, { n: hours });
  return fill(TEXT.age.days, { n: Math.floor(hours / 24) });
}

/** Hours and minutes, with the date when it is not today. */
export function timeText(/** @type {number} */ ms, now = new Date()) {
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return '';
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? hm : `${d.getMonth() + 1}/${d.getDate()} ${hm}`;
}

/** The full local date and time. */
export function fullTime(/** @type {number} */ ms) {
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** One line of at most `max` characters (not UTF-16 units), with an ellipsis when cut. */
export function truncate(/** @type {unknown} */ text, /** @type {number} */ max) {
  const chars = Array.from(
    String(text || '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}
