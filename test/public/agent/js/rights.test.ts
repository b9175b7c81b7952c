import { describe, expect, it } from 'vitest';
import { holderOf, meFrom, rightsOf } from '../../../../public/agent/js/rights.js';

const me = { id: 'alice', name: 'Alice', admin: false };
const rights = (status: string, agent: string | null = null) => rightsOf({ id: 'T-1', status, agent }, me);

describe('what an agent may do with a ticket', () => {
  it('waiting: anyone claims, replies (which claims) or closes; nobody takes over', () => {
    expect(rights('waiting')).toEqual({ claim: true, takeover: false, reply: true, close: true });
  });

  it('claimed by me: I reply and close', () => {
    expect(rights('claimed', 'alice')).toEqual({ claim: false, takeover: false, reply: true, close: true });
  });

  it('claimed by someone else: only a take-over', () => {
    expect(rights('claimed', 'slack:U123')).toEqual({ claim: false, takeover: true, reply: false, close: false });
  });

  it('closed or cancelled, or nothing open: nothing', () => {
    const none = { claim: false, takeover: false, reply: false, close: false };
    expect([rights('closed', 'alice'), rights('cancelled'), rightsOf(null, me)]).toEqual([none, none, none]);
  });
});

describe('who is who', () => {
  it("reads today's /me ({ name }) and the coming one ({ id, name, admin })", () => {
    expect(meFrom({ name: 'alice' })).toEqual({ id: 'alice', name: 'alice', admin: false });
    expect(meFrom({ id: 'slack:U1', name: '佐藤', admin: true })).toEqual({ id: 'slack:U1', name: '佐藤', admin: true });
  });

  it('names the holder by display name, else by id', () => {
    expect(holderOf({ agent: 'slack:U123', agentName: '佐藤' })).toBe('佐藤');
    expect(holderOf({ agent: 'bob' })).toBe('bob');
    expect(holderOf({ agent: null })).toBeNull();
  });
});
