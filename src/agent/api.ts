import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { BotError, formatIssues } from '../core/errors.js';
import { bearer, sameSecret } from '../core/secrets.js';
import type { Bus } from '../bus.js';
import type { HelpDesk } from '../handoff/desk.js';
import type { AgentRef } from '../handoff/types.js';
import type { Store } from '../store/types.js';

/** An agent of the console: a name from AGENT_TOKENS (also their id) and a token. */
export interface AgentAccount {
  name: string;
  token: string;
  /** Admins may apply a retrained model (AGENT_ADMINS). */
  admin: boolean;
}

const Status = z.enum(['waiting', 'claimed', 'closed', 'cancelled']).optional();
const TicketId = z.string().regex(/^T-[0-9A-F]{10}$/);
const ClaimBody = z.object({ takeover: z.boolean().default(false) });
const MessageBody = z.object({ text: z.string().trim().min(1).max(4000) });
const CloseBody = z.object({ note: z.string().trim().max(2000).default('') });

export interface AgentApiOptions {
  desk: HelpDesk;
  store: Store;
  bus: Bus;
  accounts: AgentAccount[];
  /** Event streams open at most at once (each holds a connection). */
  maxStreams?: number;
}

/** Finds the account a token belongs to, comparing every token in constant time. */
function accountFor(accounts: AgentAccount[], token: string | undefined): AgentAccount | undefined {
  let found: AgentAccount | undefined;
  for (const a of accounts) if (sameSecret(token, a.token)) found = a;
  return found;
}

/** The body validated, or `bad_request` naming the first problem. */
export function bodyOf<T>(schema: z.ZodType<T>, req: Request): T {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) throw new BotError('bad_request', formatIssues(parsed.error.issues, 1));
  return parsed.data;
}

/** The signed-in agent of a request (set by the router's auth step). */
export const agentOf = (res: Response): AgentAccount => res.locals.agent as AgentAccount;

/**
 * The agent API, the integration point for the console and external help
 * desks: bearer-token auth, zod-validated bodies, errors through the one
 * mapper. Agent rights are the help desk's. `GET /agent/api/events` streams
 * ticket and message events (SSE; the token rides in the query there, since
 * EventSource sends no headers). Returns the router, for more agent routes.
 */
export function mountAgentApi(app: Express, o: AgentApiOptions): express.Router {
  const { desk, store, bus } = o;
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));
  let streams = 0;

  router.use((req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req.headers.authorization) ?? (req.path === '/events' && typeof req.query.token === 'string' ? req.query.token : undefined);
    const account = accountFor(o.accounts, token);
    if (!account) throw new BotError('unauthorized', 'a valid agent token is required (Authorization: Bearer …)');
    res.locals.agent = account;
    next();
  });

  const ticketId = (req: Request) => {
    const parsed = TicketId.safeParse(req.params.id);
    if (!parsed.success) throw new BotError('not_found', `no ticket ${String(req.params.id).slice(0, 40)}`);
    return parsed.data;
  };
  const me = (res: Response): AgentRef => ({ id: agentOf(res).name, name: agentOf(res).name });

  router.get('/me', (_req, res) => void res.json({ id: agentOf(res).name, name: agentOf(res).name, admin: agentOf(res).admin }));

  router.get('/tickets', async (req, res) => {
    const status = Status.safeParse(req.query.status || undefined);
    if (!status.success) throw new BotError('bad_request', 'status must be waiting, claimed, closed or cancelled');
    const tickets = await store.tickets.list(status.data);
    res.json({ tickets: await Promise.all(tickets.map((t) => desk.view(t))) });
  });

  router.get('/tickets/:id', async (req, res) => {
    const ticket = await desk.detail(ticketId(req));
    const lines = await store.transcript.lines(ticket.conversationId, 500);
    res.json({ ticket, transcript: lines.map(({ id, role, text, at, agent }) => ({ id, role, text, at, ...(agent ? { agent } : {}) })) });
  });

  router.post('/tickets/:id/claim', async (req, res) => {
    const { takeover } = bodyOf(ClaimBody, req);
    res.json({ ticket: await desk.view(await desk.claim(ticketId(req), me(res), { takeover })) });
  });

  router.post('/tickets/:id/messages', async (req, res) => {
    const { text } = bodyOf(MessageBody, req);
    const { id, delivered } = await desk.reply(ticketId(req), me(res), text);
    res.json({ ok: true, id, delivered });
  });

  router.post('/tickets/:id/close', async (req, res) => {
    const { note } = bodyOf(CloseBody, req);
    res.json({ ticket: await desk.view(await desk.close(ticketId(req), me(res), note)) });
  });

  router.get('/events', (req, res) => {
    if (streams >= (o.maxStreams ?? 200)) throw new BotError('unavailable', 'too many event streams open; try again later', { retryAfter: 10 });
    streams++;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const send = (event: string) => (data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const off = [bus.subscribe('ticket', send('ticket')), bus.subscribe('message', send('message'))];
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      streams--;
      clearInterval(keepAlive);
      for (const unsubscribe of off) unsubscribe();
    });
  });

  app.use('/agent/api', router);
  return router;
}
