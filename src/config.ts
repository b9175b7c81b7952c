import { z } from 'zod';
import { BotError } from './core/errors.js';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const HOURS = /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/;

/** The environment the bot reads, once, at start-up. Every variable is listed in `.env.example`. */
const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    BOT_DB: z.string().min(1).default('./data/bot.sqlite'),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    ALLOWED_ORIGINS: z.string().optional().transform(list),
    MAINTENANCE_NOTICE: z.string().max(500).optional(),
    AGENT_TOKENS: z
      .string()
      .optional()
      .transform((s, ctx) =>
        list(s).map((pair) => {
          const [name, token] = pair.split(':');
          if (!name || !token || token.length < 16) {
            ctx.addIssue({ code: 'custom', message: `AGENT_TOKENS entry '${name ?? pair}' must be name:token with a token of 16+ characters` });
            return { name: name ?? '', token: token ?? '' };
          }
          return { name, token };
        }),
      ),
    AGENT_HOURS: z.string().regex(HOURS, 'AGENT_HOURS must look like 09:00-20:00').default('09:00-20:00'),
    AGENT_TZ: z
      .string()
      .default('Asia/Tokyo')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'AGENT_TZ must be an IANA time zone such as Asia/Tokyo'),
    MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(2000),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30_000),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must start with xoxb-').optional(),
    SLACK_SIGNING_SECRET: z.string().min(8).optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must start with xapp-').optional(),
    SLACK_API_URL: z.url().optional(),
    SLACK_AGENT_CHANNEL: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not' });
    if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not' });
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
      });
  });

export type Config = z.infer<typeof Env>;

/**
 * Parses the environment once. Empty strings count as unset (a blank line in
 * `.env` should not fail validation). Throws a `bad_config` error that names
 * every wrong variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new BotError('bad_config', `invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
