import type { Sql } from '../sql.js';
import type { Repos } from '../types.js';
import { ConversationRepo } from './conversations.js';
import { EventRepo } from './events.js';
import { MetaRepo } from './meta.js';
import { ModelRepo } from './models.js';
import { ReviewRepo } from './review.js';
import { SlackRepo } from './slack.js';
import { TicketRepo } from './tickets.js';
import { TranscriptRepo } from './transcript.js';

/** The repositories over one SQL executor (a connection, or a transaction's client). */
export function reposOn(sql: Sql, dayOf: (at: number) => string): Repos {
  const meta = new MetaRepo(sql);
  return {
    conversations: new ConversationRepo(sql),
    transcript: new TranscriptRepo(sql),
    tickets: new TicketRepo(sql),
    meta,
    slack: new SlackRepo(sql),
    events: new EventRepo(sql, dayOf),
    review: new ReviewRepo(sql, meta),
    models: new ModelRepo(sql),
  };
}
