/**
 * `npm run -s classify`: one message per line on stdin, one JSON line per
 * message on stdout: {"text","intent","confidence","entities"}. Nothing else
 * is written to stdout; errors go to stderr.
 */
import { createInterface } from 'node:readline';
import { Nlu } from '../nlu/index.js';

const nlu = new Nlu();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  out.length = 0;
};
for await (const line of lines) {
  const u = nlu.understand(line);
  out.push(JSON.stringify({ text: line, intent: u.intent, confidence: u.confidence, entities: u.entities }));
  if (out.length >= 512) flush();
}
flush();
