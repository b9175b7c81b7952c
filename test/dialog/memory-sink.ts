import type { OpenedTicket, TicketRequest, TicketSink, TicketState } from '../../src/handoff/types.js';

/** A ticket sink in memory, for the engine's transcript tests: tickets stay open until `close`. */
export class MemoryTicketSink implements TicketSink {
  readonly tickets = new Map<string, TicketRequest & { id: string; open: boolean; claimed?: boolean; cancelled?: boolean }>();
  private next = 1;

  open(request: TicketRequest): Promise<OpenedTicket> {
    const existing = [...this.tickets.values()].find((t) => t.open && t.conversationId === request.conversationId);
    if (existing) return Promise.resolve({ id: existing.id, position: this.position(existing.id), created: false });
    const id = `T${String(this.next++).padStart(4, '0')}`;
    this.tickets.set(id, { ...request, id, open: true });
    return Promise.resolve({ id, position: this.position(id), created: true });
  }

  status(ticketId: string): Promise<TicketState | undefined> {
    const t = this.tickets.get(ticketId);
    if (!t) return Promise.resolve(undefined);
    if (!t.open) return Promise.resolve({ status: t.cancelled ? 'cancelled' : 'closed', position: 0 });
    return Promise.resolve(t.claimed ? { status: 'claimed', position: 0 } : { status: 'waiting', position: this.position(ticketId) });
  }

  cancel(ticketId: string): Promise<void> {
    const t = this.tickets.get(ticketId);
    if (t) Object.assign(t, { open: false, cancelled: true });
    return Promise.resolve();
  }

  claim(ticketId: string): void {
    const t = this.tickets.get(ticketId);
    if (t) t.claimed = true;
  }

  close(ticketId: string): void {
    const t = this.tickets.get(ticketId);
    if (t) t.open = false;
  }

  private position(id: string): number {
    const open = [...this.tickets.values()].filter((t) => t.open && !t.claimed);
    return open.findIndex((t) => t.id === id) + 1;
  }
}
