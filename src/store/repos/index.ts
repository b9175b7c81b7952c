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

/** A store's own repositories as its properties (reads outside a unit): what both engines share. */
export abstract class OwnRepos implements Repos {
  protected abstract readonly repos: Repos;

  get conversations() {
    return this.repos.conversations;
  }
  get transcript() {
    return this.repos.transcript;
  }
  get tickets() {
    return this.repos.tickets;
  }
  get meta() {
    return this.repos.meta;
  }
  get slack() {
    return this.repos.slack;
  }
  get events() {
    return this.repos.events;
  }
  get review() {
    return this.repos.review;
  }
  get models() {
    return this.repos.models;
  }
}
