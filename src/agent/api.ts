import { timingSafeEqual } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import type { HelpDesk } from '../handoff/desk.js';
import type { Ticket } from '../store/tickets.js';
import type { ConversationStore } from '../store/conversations.js';

export interface AgentAccount {
  name: string;
  token: string;
}

const Status = z.enum(['waiting', 'claimed', 'closed', 'cancelled']).optional();
const TicketId = z.string().regex(/^T-[0-9A-F]{10}$/);
const MessageBody = z.object({ text: z.string().trim().min(1).max(4000) });
const CloseBody = z.object({ note: z.string().trim().max(2000).default('') });

const STATUS_OF: Record<string, number> = { bad_request: 400, unauthorized: 401, not_found: 404, conflict: 409 };

/** Finds the agent a token belongs to, comparing in constant time. */
function agentFor(accounts: AgentAccount[], token: string | undefined): AgentAccount | undefined {
  if (!token) return undefined;
  const given = Buffer.from(token);
  return accounts.find((a) => {
    const want = Buffer.from(a.token);
    return want.length === given.length && timingSafeEqual(want, given);
  });
}

/** A ticket as the API shows it, with its place in the queue. */
const view = (desk: HelpDesk, t: Ticket) => ({ ...t, position: t.status === 'waiting' ? desk.tickets.position(t.id) : 0 });

/**
 * The agent API, the integration point for the console and external help
 * desks: bearer-token auth, zod-validated bodies, 401 / 404 / 409 as coded
 * errors. `GET /agent/api/events` streams ticket and message events (SSE; the
 * token rides in the query there, since EventSource sends no headers).
 */
export function mountAgentApi(app: Express, desk: HelpDesk, store: ConversationStore, accounts: AgentAccount[]): void {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  router.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7)
      : req.path === '/events'
        ? typeof req.query.token === 'string'
          ? req.query.token
          : ''
        : undefined;
    const agent = agentFor(accounts, token);
    if (!agent) return void res.status(401).json({ error: 'a valid agent token is required (Authorization: Bearer …)' });
    res.locals.agent = agent.name;
    next();
  });

  const ticketId = (req: Request) => {
    const parsed = TicketId.safeParse(req.params.id);
    if (!parsed.success) throw new BotError('not_found', `no ticket ${String(req.params.id).slice(0, 40)}`);
    return parsed.data;
  };
  const body = <T>(schema: z.ZodType<T>, req: Request): T => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw new BotError('bad_request', `${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };

  router.get('/me', (_req, res) => void res.json({ name: res.locals.agent as string }));

  router.get('/tickets', (req, res) => {
    const status = Status.safeParse(req.query.status || undefined);
    if (!status.success) throw new BotError('bad_request', 'status must be waiting, claimed, closed or cancelled');
    res.json({ tickets: desk.tickets.list(status.data).map((t) => view(desk, t)) });
  });

  router.get('/tickets/:id', (req, res) => {
    const ticket = desk.tickets.get(ticketId(req));
    if (!ticket) throw new BotError('not_found', `no ticket ${req.params.id}`);
    res.json({ ticket: view(desk, ticket), transcript: store.transcript(ticket.conversationId, 500).map(({ role, text, at }) => ({ role, text, at })) });
  });

  router.post('/tickets/:id/claim', (req, res) => {
    res.json({ ticket: view(desk, desk.claim(ticketId(req), res.locals.agent as string)) });
  });

  router.post('/tickets/:id/messages', async (req, res) => {
    const { text } = body(MessageBody, req);
    const { delivered } = await desk.reply(ticketId(req), res.locals.agent as string, text);
    res.json({ ok: true, delivered });
  });

  router.post('/tickets/:id/close', (req, res) => {
    const { note } = body(CloseBody, req);
    res.json({ ticket: view(desk, desk.close(ticketId(req), res.locals.agent as string, note)) });
  });

  router.get('/events', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const send = (event: string) => (data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onTicket = (t: Ticket) => send('ticket')(view(desk, t));
    const onMessage = send('message');
    desk.on('ticket', onTicket);
    desk.on('message', onMessage);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      desk.off('ticket', onTicket);
      desk.off('message', onMessage);
    });
  });

  router.use((err: Error, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof BotError && STATUS_OF[err.code]) return void res.status(STATUS_OF[err.code]!).json({ error: err.message });
    next(err);
  });

  app.use('/agent/api', router);
}
