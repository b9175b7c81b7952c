import { describe, expect, it } from 'vitest';
import {
  countsOf,
  detailReceived,
  initialState,
  liveMessage,
  queueOf,
  replyPosted,
  signedIn,
  ticketChanged,
  ticketGone,
  ticketOpened,
  ticketsListed,
} from '../../../../public/agent/js/state.js';
import { me, ticket as fixture } from '../../../helpers/agent.js';

const ticket = (id: string, extra: Record<string, unknown> = {}) => fixture({ id, ...extra });
const alice = () => signedIn(initialState(), me);
/** Alice with ticket T-1 open and its transcript loaded. */
function opened(transcript: unknown[] = [], t = ticket('T-1', { status: 'claimed', agent: 'alice' })) {
  let s = ticketsListed(alice(), [t], true);
  s = ticketOpened(s, 'T-1');
  return detailReceived(s, 'T-1', { ticket: t, transcript });
}
const lines = (s: ReturnType<typeof initialState>) => s.detail!.lines.map((l) => `${l.role}:${l.text}${l.pending ? ' (pending)' : ''}`);

describe('console state: the queue', () => {
  it('marks waiting tickets that appear on a refresh as new, not those of the first load', () => {
    const first = ticketsListed(alice(), [ticket('T-1')], true);
    expect(first.fresh).toEqual([]);
    const second = ticketsListed(first, [ticket('T-1'), ticket('T-2'), ticket('T-3', { status: 'claimed' })], false);
    expect(second.fresh).toEqual(['T-2']);
    expect(ticketOpened(second, 'T-2').fresh).toEqual([]);
  });

  it('lists urgent waiting tickets first, then the oldest; claimed ones with my own first', () => {
    let s = ticketsListed(
      alice(),
      [
        ticket('T-old', { createdAt: 1 }),
        ticket('T-urgent', { createdAt: 5, priority: 'urgent' }),
        ticket('T-new', { createdAt: 9 }),
        ticket('T-bob', { status: 'claimed', agent: 'bob', updatedAt: 50 }),
        ticket('T-mine', { status: 'claimed', agent: 'alice', updatedAt: 10 }),
        ticket('T-gone', { status: 'cancelled' }),
      ],
      true,
    );
    expect(queueOf(s).map((t) => t.id)).toEqual(['T-urgent', 'T-old', 'T-new']);
    s = { ...s, filter: 'claimed' };
    expect(queueOf(s).map((t) => t.id)).toEqual(['T-mine', 'T-bob']);
    expect(countsOf(s)).toEqual({ waiting: 3, claimed: 2, closed: 1 });
  });

  it('ignores news older than what it shows, and keeps known events when a live ticket has none', () => {
    let s = ticketsListed(alice(), [], true);
    s = ticketChanged(s, ticket('T-1', { status: 'claimed', agent: 'bob', updatedAt: 20, events: [{ type: 'claimed', agent: 'bob', at: 20 }] }), false);
    expect(ticketChanged(s, ticket('T-1', { updatedAt: 10 }), true)).toBe(s);
    s = ticketChanged(s, ticket('T-1', { status: 'claimed', agent: 'carol', updatedAt: 30 }), true);
    expect(s.tickets['T-1']).toMatchObject({ agent: 'carol', events: [{ type: 'claimed' }] });
  });

  it('drops a ticket the server no longer knows, and its detail', () => {
    const s = ticketGone(opened(), 'T-1');
    expect([s.tickets['T-1'], s.detail]).toEqual([undefined, null]);
  });
});

describe('console state: the transcript', () => {
  it('shows a streamed line once when the history already had it (by id)', () => {
    let s = opened([{ id: 1, role: 'user', text: 'help', at: 100 }]);
    s = liveMessage(s, { ticketId: 'T-1', id: 1, role: 'user', text: 'help', at: 100 });
    s = liveMessage(s, { ticketId: 'T-1', id: 2, role: 'user', text: 'help', at: 100 });
    expect(lines(s)).toEqual(['user:help', 'user:help']);
  });

  it("without ids, the same role, time and text is one line (today's server)", () => {
    let s = opened([{ role: 'user', text: 'help', at: 100 }]);
    s = liveMessage(s, { ticketId: 'T-1', role: 'user', text: 'help', at: 100 });
    expect(lines(s)).toEqual(['user:help']);
  });

  it('keeps messages streamed while the transcript loads, after it, without duplicates', () => {
    let s = ticketOpened(ticketsListed(alice(), [ticket('T-1')], true), 'T-1');
    s = liveMessage(s, { ticketId: 'T-1', id: 2, role: 'user', text: 'second', at: 200 });
    s = liveMessage(s, { ticketId: 'T-1', id: 3, role: 'user', text: 'third', at: 300 });
    s = detailReceived(s, 'T-1', {
      ticket: ticket('T-1'),
      transcript: [
        { id: 1, role: 'user', text: 'first', at: 100 },
        { id: 2, role: 'user', text: 'second', at: 200 },
      ],
    });
    expect(lines(s)).toEqual(['user:first', 'user:second', 'user:third']);
  });

  it('two identical replies stay two lines, each confirmed by its own echo', () => {
    let s = opened();
    s = replyPosted(s, 'T-1', 'はい', { ok: true, delivered: true }, 500);
    s = replyPosted(s, 'T-1', 'はい', { ok: true, delivered: true }, 501);
    expect(lines(s)).toEqual(['agent:はい (pending)', 'agent:はい (pending)']);
    s = liveMessage(s, { ticketId: 'T-1', id: 10, role: 'agent', agent: 'alice', text: 'はい', at: 510 });
    expect(lines(s)).toEqual(['agent:はい', 'agent:はい (pending)']);
    s = liveMessage(s, { ticketId: 'T-1', id: 11, role: 'agent', agent: 'alice', text: 'はい', at: 511 });
    expect(lines(s)).toEqual(['agent:はい', 'agent:はい']);
    expect(s.detail!.lines.map((l) => l.id)).toEqual(['10', '11']);
  });

  it('a reply the stream showed before its POST answered is not added again', () => {
    let s = opened();
    s = liveMessage(s, { ticketId: 'T-1', id: 10, role: 'agent', agent: 'alice', text: 'はい', at: 510 });
    s = replyPosted(s, 'T-1', 'はい', { ok: true }, 520);
    expect(lines(s)).toEqual(['agent:はい']);
    s = replyPosted(s, 'T-1', 'はい', { ok: true }, 530); // the second one has not been echoed yet
    expect(lines(s)).toEqual(['agent:はい', 'agent:はい (pending)']);
  });

  it("another agent's identical words do not confirm my pending reply", () => {
    let s = opened(undefined, ticket('T-1'));
    s = replyPosted(s, 'T-1', 'はい', { ok: true }, 500);
    s = liveMessage(s, { ticketId: 'T-1', id: 20, role: 'agent', agent: 'slack:U123', text: 'はい', at: 505 });
    expect(lines(s)).toEqual(['agent:はい (pending)', 'agent:はい']);
  });

  it('a reply whose POST returns its id is shown as final, and its echo is not added', () => {
    let s = replyPosted(opened(), 'T-1', 'ok', { ok: true, id: 42 }, 500);
    s = liveMessage(s, { ticketId: 'T-1', id: 42, role: 'agent', agent: 'alice', text: 'ok', at: 501 });
    expect(lines(s)).toEqual(['agent:ok']);
  });

  it("marks my other claimed ticket unread on a user's message, not someone else's", () => {
    let s = ticketsListed(alice(), [ticket('T-1', { status: 'claimed', agent: 'alice' }), ticket('T-2', { status: 'claimed', agent: 'bob' })], true);
    s = liveMessage(s, { ticketId: 'T-1', role: 'user', text: 'x', at: 2000 });
    s = liveMessage(s, { ticketId: 'T-2', role: 'user', text: 'y', at: 2000 });
    expect(s.unread).toEqual(['T-1']);
    expect(s.tickets['T-1'].updatedAt).toBe(2000);
  });
});
