import { z } from 'zod';
import { BotError, formatIssues } from './core/errors.js';
import { BusinessHours } from './handoff/hours.js';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Hours the bot can run: checked by building them, so what passes here never fails at start-up. */
const hoursProblem = (spec: string): string | undefined => {
  try {
    new BusinessHours(spec, 'UTC');
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

/** The environment the bot reads, once, at start-up. Every variable is listed in `.env.example`. */
const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    BOT_DB: z.string().min(1).default('./data/bot.sqlite'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must look like postgres://user:pass@host:port/db')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    ALLOWED_ORIGINS: z.string().optional().transform(list),
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
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
    AGENT_ADMINS: z.string().optional().transform(list),
    AGENT_HOURS: z
      .string()
      .default('09:00-20:00')
      .superRefine((spec, ctx) => {
        const problem = hoursProblem(spec);
        if (problem) ctx.addIssue({ code: 'custom', message: `AGENT_HOURS: ${problem}` });
      }),
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
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
    RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(30_000),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    TRAINING_CV_FOLDS: z.coerce
      .number()
      .int()
      .refine((k) => k === 0 || (k >= 2 && k <= 10), 'TRAINING_CV_FOLDS must be 0 (off) or 2–10')
      .default(5),
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must start with xoxb-').optional(),
    SLACK_SIGNING_SECRET: z.string().min(8).optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must start with xapp-').optional(),
    SLACK_API_URL: z.url().optional(),
    SLACK_AGENT_CHANNEL: z.string().min(1).optional(),
    TEST_BATCH_HOLD_MS: z.coerce.number().int().min(0).max(60_000).default(0),
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
    const names = new Set(env.AGENT_TOKENS.map((a) => a.name));
    for (const admin of env.AGENT_ADMINS)
      if (!names.has(admin)) ctx.addIssue({ code: 'custom', path: ['AGENT_ADMINS'], message: `AGENT_ADMINS names '${admin}', who is not in AGENT_TOKENS` });
  });

export type Config = z.infer<typeof Env>;

/**
 * Parses the environment once. Empty strings count as unset (a blank line in
 * `.env` should not fail validation). Throws a `bad_config` error with one
 * line per wrong variable, each naming it.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    throw new BotError('bad_config', `invalid configuration:\n  - ${formatIssues(parsed.error.issues, Infinity, 'environment', '\n  - ')}`);
  }
  return parsed.data;
}
