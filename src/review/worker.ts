/**
 * The training worker's entry (a `node:worker_threads` thread, one per job):
 * reads its job from `workerData`, runs it, posts progress lines and then the
 * trained model, its arrays transferred rather than copied. Training here
 * keeps the thread that answers users free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { JobSchema, runJob } from './retrain.js';

const port = parentPort;
if (!port) throw new Error('review/worker.ts runs as a worker thread');
const job = JobSchema.parse(workerData);
const result = runJob(job, (p) => port.postMessage({ type: 'progress', ...p }));
port.postMessage({ type: 'done', ...result }, [result.model.rows.buffer, result.model.prior.buffer]);
