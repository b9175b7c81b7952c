import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { SlackMessage } from './render.js';
import type { SlackPlace } from '../../store/repos/slack.js';

/** The fields of a Web API error worth a log line (WebAPIPlatformError, WebAPIRateLimitedError, …). */
interface ApiError {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  message?: string;
}

/**
 * The Web API calls the channel makes, each one guarded: a failure
 * (`channel_not_found`, `ratelimited` after the client's own retries, a
 * network error) is logged with its code and reported as `undefined` / false,
 * never thrown, so one bad call cannot take the process or the next message down.
 */
export class SlackApi {
  private readonly names = new Map<string, string>();

  constructor(
    readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  /** Posts a message; resolves to its `ts`, or undefined when Slack refused it. */
  async post(place: SlackPlace, message: SlackMessage): Promise<string | undefined> {
    const res = await this.call('chat.postMessage', place.channel, () =>
      this.client.chat.postMessage({
        channel: place.channel,
        text: message.text,
        blocks: message.blocks,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      }),
    );
    return res?.ts;
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<boolean> {
    return (await this.call('chat.update', channel, () => this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }))) !== undefined;
  }

  /** A message only `user` sees (a refused claim, say). */
  async ephemeral(channel: string, user: string, text: string, threadTs?: string): Promise<boolean> {
    const call = () => this.client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
    return (await this.call('chat.postEphemeral', channel, call)) !== undefined;
  }

  /** A Slack user's display name (cached), or their id when Slack does not say. */
  async userName(user: string): Promise<string> {
    const known = this.names.get(user);
    if (known) return known;
    const res = await this.call('users.info', user, () => this.client.users.info({ user }));
    const u = res?.user;
    const name = u?.profile?.display_name || u?.real_name || u?.name;
    if (!name) return user;
    if (this.names.size >= 1000) this.names.delete(this.names.keys().next().value!); // the oldest goes: a bounded cache
    this.names.set(user, name);
    return name;
  }

  private async call<T>(method: string, target: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      const err = e as ApiError;
      this.log.error({ method, target, code: err.code, error: err.data?.error ?? err.message, retryAfter: err.retryAfter }, `slack: ${method} failed`);
      return undefined;
    }
  }
}

/**
 * Runs tasks one after another per key (a conversation, a ticket), so that
 * replies keep their order and a ticket's message is posted before it is
 * updated. `idle()` resolves once nothing is running.
 */
export class Serial {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(key: string, task: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task).catch((err: unknown) => this.log.error({ key, err }, 'slack: task failed'));
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
