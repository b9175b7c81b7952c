import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import { INTENTS } from '../core/types.js';
import type { ReviewInbox } from '../review/inbox.js';
import type { Training } from '../review/training.js';
import { REVIEW_STATUSES } from '../review/types.js';
import type { ReviewItem } from '../store/repos/review.js';
import type { Store } from '../store/types.js';
import { agentOf, bodyOf } from './api.js';

const ListQuery = z.object({
  status: z.enum(REVIEW_STATUSES).default('new'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const ItemId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ItemBody = z.union([z.strictObject({ intent: z.enum(INTENTS) }), z.strictObject({ ignore: z.literal(true) })]);
const RollbackBody = z.strictObject({ version: z.number().int().min(0) });

export interface ReviewApiOptions {
  store: Store;
  inbox: ReviewInbox;
  training: Training;
}

/** An item as the API shows it. */
const view = (it: ReviewItem) => ({
  id: it.id,
  text: it.text,
  count: it.count,
  lang: it.lang,
  predicted: it.predicted,
  reason: it.reason,
  lastAt: it.lastAt,
  firstAt: it.firstAt,
  context: it.context,
  status: it.status,
  label: it.label,
  labelledBy: it.labelledBy,
  version: it.version,
});

/** Refuses an agent who is not an admin (AGENT_ADMINS). */
function admin(res: Response): string {
  const me = agentOf(res);
  if (!me.admin) throw new BotError('forbidden', 'only an admin (AGENT_ADMINS) may change the running model');
  return me.name;
}

/**
 * The review inbox and model training on the agent API's router (bearer-token
 * auth already done): agents list, label and ignore items; admins apply the
 * labels (retrain, compare, swap) and roll back. See README › Review inbox.
 */
export function mountReviewApi(router: express.Router, o: ReviewApiOptions): void {
  const { store, inbox, training } = o;
  const itemId = (req: Request) => {
    const parsed = ItemId.safeParse(req.params.id);
    if (!parsed.success) throw new BotError('not_found', `no review item ${String(req.params.id).slice(0, 40)}`);
    return parsed.data;
  };

  router.get('/review', async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) throw new BotError('bad_request', `status must be one of ${REVIEW_STATUSES.join(', ')}; limit 1–500`);
    res.json({ items: (await store.review.list(q.data.status, q.data.limit)).map(view) });
  });

  router.post('/review/:id', async (req, res) => {
    const id = itemId(req);
    const parsed = ItemBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const given: unknown = (req.body as { intent?: unknown } | undefined)?.intent;
      const what =
        typeof given === 'string' && !(INTENTS as readonly string[]).includes(given)
          ? `unknown intent '${given.slice(0, 40)}'`
          : 'send {"intent": "<an intent>"} to label, or {"ignore": true}';
      throw new BotError('bad_request', what, { intents: INTENTS });
    }
    const body = parsed.data;
    const me = agentOf(res).name;
    const item = 'intent' in body ? await inbox.label(id, body.intent, me) : await inbox.ignore(id, me);
    res.json({ item: view(item) });
  });

  router.get('/training', async (_req, res) => void res.json(await training.status()));

  router.post('/training/apply', async (_req, res) => void res.json(await training.apply(admin(res))));

  router.post('/training/rollback', async (req, res) => {
    const agent = admin(res);
    const { version } = bodyOf(RollbackBody, req);
    res.json(await training.rollback(version, agent));
  });

  router.get('/training/export', async (_req, res) => {
    res.type('application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="learned.jsonl"');
    res.send(await training.exportLines());
  });
}
