/**
 * `npm run chat`: the bot in a terminal, on the same `Bot` as every channel
 * (the transcript is kept, a hand-off opens a ticket agents see in the
 * console, a failed turn answers politely). Quick replies are numbered;
 * typing the number picks one. An agent's replies are shown as they arrive.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import type { QuickReply, Reply } from '../core/types.js';
import { loadConfig } from '../config.js';
import { assemble } from '../app.js';
import { createLogger } from '../log.js';

/** Renders replies as plain text, quick replies as a numbered list. */
export function renderPlain(replies: Pick<Reply, 'text' | 'quick_replies' | 'meta'>[], who = 'bot'): { text: string; choices: QuickReply[] } {
  const lines: string[] = [];
  let choices: QuickReply[] = [];
  for (const r of replies) {
    lines.push(`${who}> ${r.text}`);
    if (r.quick_replies?.length) {
      choices = r.quick_replies;
      lines.push(choices.map((q, i) => `  [${i + 1}] ${q.title}`).join('\n'));
    }
    if (r.meta?.handoff) lines.push(`  (ticket ${r.meta.handoff})`);
  }
  return { text: lines.join('\n'), choices };
}

async function main(): Promise<void> {
  const started = performance.now();
  const core = await assemble(loadConfig(process.env), { log: createLogger('error'), defaultMetrics: false });
  const conversationId = `terminal:${randomUUID()}`;
  let seen = 0; // the last transcript line shown
  let choices: QuickReply[] = [];
  let busy = false; // a turn is in flight: its own lines are printed by the loop
  // Lines written by someone else (an agent, a notice) since the last one shown.
  const poll = setInterval(() => {
    if (busy) return;
    void core.store.transcript.lines(conversationId, 50, seen).then((lines) => {
      for (const l of lines) if (l.role === 'agent' || l.role === 'bot') stdout.write(renderPlain([l], l.role === 'agent' ? 'agent' : 'bot').text + '\n');
      if (lines.length) seen = lines[lines.length - 1]!.id;
    });
  }, 1000);
  poll.unref();
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
  stdout.write(
    `d払い login help (terminal) ready in ${Math.round(performance.now() - started)} ms. Type your message (Japanese or English); Ctrl-D to quit.\n`,
  );
  for await (const line of rl) {
    const picked = /^\s*(\d)\s*$/.exec(line);
    const choice = picked ? choices[Number(picked[1]) - 1] : undefined;
    busy = true;
    const result = await core.bot.handle({ conversationId, channel: 'terminal', text: choice ? choice.payload : line, at: Date.now() });
    const out = renderPlain(result.relayed ? [{ text: '(sent to the agent)' }] : result.replies);
    seen = (await core.store.transcript.lines(conversationId, 1)).at(-1)?.id ?? seen;
    busy = false;
    if (out.choices.length || !result.relayed) choices = out.choices;
    stdout.write(out.text + '\n');
  }
  clearInterval(poll);
  await core.close();
}

await main();
