import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { createBrain } from '../src/dialog/index.js';
import { openDb } from '../src/store/db.js';
import { ConversationStore } from '../src/store/conversations.js';
import { TicketStore } from '../src/store/tickets.js';
import { silentLogger } from '../src/log.js';
import { Metrics } from '../src/metrics.js';

function setup() {
  const db = openDb(':memory:');
  const store = new ConversationStore(db);
  const tickets = new TicketStore(db);
  const brain = createBrain({ tickets, agentHours: '00:00-23:59' });
  const metrics = new Metrics();
  return { db, store, brain, metrics, bot: new Bot(brain, store, silentLogger, undefined, metrics) };
}
const msg = (text: string, at = Date.now()) => ({ conversationId: 'c1', channel: 'web' as const, text, at });

describe('Bot', () => {
  it('saves the message (masked), the state and the replies of a turn together', () => {
    const { bot, store } = setup();
    const replies = bot.handle(msg('d払いにログインできません。連絡先は090-1234-5678です'));
    expect(replies.some((r) => r.meta?.ask === 'carrier')).toBe(true);
    expect(store.load('c1')?.ask).toBe('carrier');
    const lines = store.transcript('c1');
    expect(lines[0]).toMatchObject({ role: 'user', text: 'd払いにログインできません。連絡先は[phone number]です' });
    expect(lines.slice(1).map((l) => l.role)).toEqual(replies.map(() => 'bot'));
  });

  it('answers politely when a turn fails, and keeps the conversation as it was', () => {
    const { bot, store, metrics } = setup();
    bot.handle(msg('d払いにログインできません'));
    const before = store.load('c1');
    const broken = store as unknown as { save: () => void };
    const save = broken.save;
    broken.save = () => {
      throw new Error('disk on fire');
    };
    const replies = bot.handle(msg('ドコモです'));
    broken.save = save;
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('もう一度送ってください');
    expect(store.load('c1')).toEqual(before);
    expect(store.transcript('c1').map((l) => l.text)).not.toContain('ドコモです'); // rolled back with the turn
    expect(metrics.render()).toMatch(/dbarai_turn_errors_total 1/);
    expect(bot.handle(msg('ドコモです')).some((r) => r.meta?.ask === 'network')).toBe(true); // and it goes on
  });

  it('retries a turn that met a busy database', () => {
    const { bot, store } = setup();
    const s = store as unknown as { transaction: <T>(fn: () => T) => T };
    const real = s.transaction.bind(store);
    let calls = 0;
    s.transaction = <T>(fn: () => T): T => {
      if (++calls === 1) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return real(fn);
    };
    expect(bot.handle(msg('d払いにログインできません')).some((r) => r.meta?.ask === 'carrier')).toBe(true);
    expect(calls).toBe(2);
  });
});
