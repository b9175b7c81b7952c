import { z } from 'zod';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';

const Table = z.record(z.string(), z.string());
const LabelFile = z.object({
  status: Table,
  reason: Table,
  priority: Table,
  channel: Table,
  lang: Table,
  slot: Table,
  value: z.record(z.string(), Table),
  remedy: Table,
  worked: Table,
  role: Table,
  event: Table,
  action: Table,
  refusal: Table,
  thread: Table,
  /** The review inbox: item statuses, why an item was filed, how a training run ended. */
  review: z.object({ status: Table, reason: Table, result: Table }),
  /** The analytics page's names: metrics, the questions that are not slots, intents, what the bot failed to understand. */
  analytics: z.object({ metric: Table, question: Table, intent: Table, misunderstood: Table }),
});
export type AgentLabels = z.infer<typeof LabelFile>;

/** The agent-facing labels (`dialogs/agent-labels.json`): one set for the console and Slack alike. */
export function loadAgentLabels(file = fromRoot('dialogs', 'agent-labels.json')): AgentLabels {
  return loadJson(file, LabelFile.extend({ $comment: z.string().optional() }));
}

/** A label with `{name}` filled, or the key itself when the table has none (a value added to the code before the labels). */
export function label(table: Record<string, string>, key: string, vars: Record<string, string> = {}): string {
  const own = (record: Record<string, string>, name: string) => (Object.hasOwn(record, name) ? record[name] : undefined); // not toString & co.
  return (own(table, key) ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => own(vars, name) ?? whole);
}
