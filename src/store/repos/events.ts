import type { ChannelName, Lang, OutcomeEvent } from '../../core/types.js';
import type { Sql } from '../sql.js';

/** An outcome event as stored: ids and labels only, never user text. */
export interface EventRow extends Omit<OutcomeEvent, 'episode'> {
  at: number;
  conversationId: string;
  episode: string | null;
  channel: ChannelName;
  lang: Lang | null;
}

/** The append-only table of outcome events that analytics reads. `dayOf` gives an instant's calendar day in AGENT_TZ. */
export class EventRepo {
  constructor(
    private readonly sql: Sql,
    private readonly dayOf: (at: number) => string,
  ) {}

  async add(events: readonly EventRow[]): Promise<void> {
    for (const e of events) {
      await this.sql.run(
        'INSERT INTO events (at, day, conversation_id, episode, channel, lang, type, name, value, value_bh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [e.at, this.dayOf(e.at), e.conversationId, e.episode, e.channel, e.lang, e.type, e.name ?? null, e.value ?? null, e.valueBh ?? null],
      );
    }
  }
}
