/**
 * `npm run chat`: the bot in a terminal. Quick replies are shown as numbered
 * choices; typing the number picks one. Hand-offs go to an in-memory queue.
 */
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import type { ConversationState, QuickReply, Reply } from '../core/types.js';
import { createBrain, turn } from '../dialog/index.js';
import { MemoryTicketSink } from '../handoff/memory-sink.js';

/** Renders replies as plain text, quick replies as a numbered list. */
export function renderPlain(replies: Reply[]): { text: string; choices: QuickReply[] } {
  const lines: string[] = [];
  let choices: QuickReply[] = [];
  for (const r of replies) {
    lines.push(`bot> ${r.text}`);
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
  const deps = createBrain({ tickets: new MemoryTicketSink() });
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
  const ready = `ready in ${Math.round(performance.now() - started)} ms. Type your message (Japanese or English); Ctrl-D to quit.`;
  stdout.write(`d払い login help (terminal) ${ready}\n`);
  let state: ConversationState | undefined;
  let choices: QuickReply[] = [];
  for await (const line of rl) {
    const picked = /^\s*(\d)\s*$/.exec(line);
    const choice = picked ? choices[Number(picked[1]) - 1] : undefined;
    const text = choice ? choice.payload : line;
    const result = turn(deps, state, { conversationId: 'terminal', channel: 'terminal', text, at: Date.now() });
    state = result.state;
    const out = renderPlain(result.relayed ? [{ type: 'message', text: '(sent to the agent)' }] : result.replies);
    choices = out.choices;
    stdout.write(out.text + '\n');
  }
}

await main();
