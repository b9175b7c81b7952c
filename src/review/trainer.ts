import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { INTENTS } from '../core/types.js';
import { BotError } from '../core/errors.js';
import type { ClassifierModel } from '../nlu/classifier.js';
import type { Progress, RetrainJob, RetrainResult } from './retrain.js';
import { FiguresSchema } from './types.js';

/** Runs a retrain job somewhere off the thread that answers users; `progress` hears of each step. */
export type Retrain = (job: RetrainJob, progress: (p: Progress) => void) => Promise<RetrainResult>;

/** A job that takes longer than this is stopped (and the running model stays). */
const TIMEOUT_MS = 10 * 60 * 1000;

const ModelSchema = z.object({
  options: z.object({ temperature: z.number(), spread: z.number(), smoothing: z.number(), minCount: z.number(), minChi2: z.number() }),
  labels: z.array(z.enum(INTENTS)),
  prior: z.instanceof(Float64Array),
  features: z.array(z.string()),
  rows: z.instanceof(Float64Array),
}) satisfies z.ZodType<ClassifierModel>;

const Message = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), step: z.string(), done: z.number(), of: z.number() }),
  z.object({ type: z.literal('done'), model: ModelSchema, figures: FiguresSchema.nullable() }),
]);

/**
 * A worker thread for one job: the compiled `worker.js` beside this file, or,
 * when running from source (tsx, vitest), `worker.ts` with tsx registered in
 * the thread first.
 */
function spawn(job: RetrainJob): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 1024 } };
  if (!fromSource) return new Worker(file, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** Runs a job in a fresh worker thread and resolves with its model; a crash, a bad message or the timeout rejects. */
export const inWorker: Retrain = (job, progress) =>
  new Promise<RetrainResult>((resolve, reject) => {
    const worker = spawn(job);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new BotError('internal', 'training took too long and was stopped'))), TIMEOUT_MS);
    worker.on('message', (raw: unknown) => {
      const m = Message.safeParse(raw);
      if (!m.success) return settle(() => reject(new BotError('internal', 'the training worker sent an unreadable message')));
      if (m.data.type === 'progress') return progress(m.data);
      const { model, figures } = m.data;
      settle(() => resolve({ model, figures }));
    });
    worker.on('error', (err) => settle(() => reject(new BotError('internal', 'training failed', undefined, { cause: err }))));
    worker.on('exit', (code) => settle(() => reject(new BotError('internal', `the training worker exited (${code}) before it answered`))));
  });
