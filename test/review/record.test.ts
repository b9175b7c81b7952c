/**
 * The Bot files a turn the engine flags (`result.review`) in the review inbox,
 * in the turn's own unit of the store. The engine's flags land separately; here
 * a thin wrapper around the real engine flags every out-of-scope turn, and the
 * messages go through the real server and webhook.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, webUser } from '../helpers/server.js';

vi.mock('../../src/dialog/engine.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/dialog/engine.js')>();
  return {
    ...real,
    turn: async (...args: Parameters<typeof real.turn>) => {
      const result = await real.turn(...args);
      if (!result.review && !result.relayed && result.understanding.intent === 'out_of_scope') result.review = { reason: 'out_of_scope' };
      if (result.text.startsWith('低評価')) result.review = { reason: 'low_rating', text: '説明が長すぎて分からなかった' };
      return result;
    },
  };
});

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.stop());

describe('recording review items from turns', () => {
  it('files an unknown phrase from two users once, with count 2, its prediction, reason and the lines around it', async () => {
    const phrase = 'うちの猫がスマホの上で寝ていて困る';
    const a = await webUser(server.url);
    const b = await webUser(server.url);
    await a.say('こんにちは');
    await a.say(phrase);
    await b.say(phrase + '!');
    const items = (await server.core.store.review.list('new')).filter((i) => i.text.startsWith('うちの猫'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ text: phrase, count: 2, reason: 'out_of_scope', lang: 'ja', predicted: { intent: 'out_of_scope' } });
    expect(items[0]!.context.map((l) => l.role)).toEqual(['bot']); // b's conversation: nothing before, the bot's reply after
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/dbarai_review_items_total\{reason="out_of_scope"\} [2-9]/);
  });

  it('keeps up to 3 lines around the message, masked, and files the text the engine names instead of the message when it names one', async () => {
    const u = await webUser(server.url);
    await u.say('こんにちは');
    await u.say('my cat likes pizza, mail me at neko@example.com');
    const [masked] = (await server.core.store.review.list('new')).filter((i) => i.text.includes('pizza'));
    expect(masked!.text).toBe('my cat likes pizza, mail me at [email]');
    expect(masked!.context.map((l) => l.role)).toEqual(['user', 'bot', 'bot']);
    await u.say('低評価の理由です');
    const [rated] = await server.core.store.review.list('new').then((all) => all.filter((i) => i.reason === 'low_rating'));
    expect(rated).toMatchObject({ text: '説明が長すぎて分からなかった', count: 1 });
  });
});
