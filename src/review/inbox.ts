import { BotError } from '../core/errors.js';
import type { Intent } from '../core/types.js';
import type { TrainingExample } from '../nlu/training.js';
import { MASKS } from '../privacy/redact.js';
import type { ReviewItem } from '../store/repos/review.js';
import type { Repos, Store } from '../store/types.js';
import { fingerprint } from './fingerprint.js';

/** The longest text a training example may have (as `intents/` files allow). */
const MAX_EXAMPLE_CHARS = 300;

/** The training example an item's text becomes: masks and extra spaces out (the NLU never sees masks either). */
export function exampleText(text: string): string {
  return text.replace(MASKS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * What agents do to inbox items: label them with an intent, or ignore them
 * for good. A label must name an intent (checked at the API) and must not
 * contradict a training example, shipped or learned, with the same
 * normalised text (`conflict`, with the intent it already has).
 */
export class ReviewInbox {
  /** Each shipped example's fingerprint and its intents. */
  private readonly shipped = new Map<string, Set<Intent>>();

  constructor(
    private readonly store: Store,
    shipped: readonly TrainingExample[],
    private readonly now: () => number = Date.now,
  ) {
    for (const e of shipped) {
      const fp = fingerprint(e.text);
      this.shipped.set(fp, (this.shipped.get(fp) ?? new Set<Intent>()).add(e.intent));
    }
  }

  /** Labels an item; resolves to the item as it now is. */
  label(id: number, intent: Intent, agent: string): Promise<ReviewItem> {
    return this.store.tx(async (r) => {
      const item = await this.open(r, id);
      const text = exampleText(item.text);
      if (!text) throw new BotError('bad_request', 'nothing of this message is left to learn from once its masks are out');
      if (text.length > MAX_EXAMPLE_CHARS)
        throw new BotError('bad_request', `a training example is ${MAX_EXAMPLE_CHARS} characters at most; this message has ${text.length}`);
      const other = await this.clash(r, fingerprint(text), intent);
      if (other) throw new BotError('conflict', `this text is already a training example of ${other}`, { intent: other });
      await r.review.label(id, intent, agent, this.now());
      return (await r.review.get(id))!;
    });
  }

  /** Ignores an item: its fingerprint never comes back to the inbox. */
  ignore(id: number, agent: string): Promise<ReviewItem> {
    return this.store.tx(async (r) => {
      await this.open(r, id);
      await r.review.ignore(id, agent, this.now());
      return (await r.review.get(id))!;
    });
  }

  /** The item, if it may still change (new or labelled). */
  private async open(r: Repos, id: number): Promise<ReviewItem> {
    const item = await r.review.get(id, true);
    if (!item) throw new BotError('not_found', `no review item ${id}`);
    if (item.status === 'applied' || item.status === 'ignored') throw new BotError('conflict', `review item ${id} is ${item.status} and can no longer change`);
    return item;
  }

  /** Another intent that a shipped or learned (active version) example with this fingerprint has, if any. */
  private async clash(r: Repos, fp: string, intent: Intent): Promise<Intent | undefined> {
    const shipped = [...(this.shipped.get(fp) ?? [])].find((i) => i !== intent);
    if (shipped) return shipped;
    const learned = await r.models.examples(await r.models.active());
    return learned.find((e) => e.intent !== intent && fingerprint(e.text) === fp)?.intent;
  }
}
