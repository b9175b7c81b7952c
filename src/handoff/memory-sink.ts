import type { OpenedTicket, TicketRequest, TicketSink, TicketState } from './types.js';

/** A ticket sink in memory, for the terminal and tests: tickets stay open until `close`. */
export class MemoryTicketSink implements TicketSink {
  readonly tickets = new Map<string, TicketRequest & { id: string; open: boolean; claimed?: boolean; cancelled?: boolean }>();
  private next = 1;

  open(request: TicketRequest): OpenedTicket {
    const existing = [...this.tickets.values()].find((t) => t.open && t.conversationId === request.conversationId);
    if (existing) return { id: existing.id, position: this.position(existing.id), created: false };
    const id = `T${String(this.next++).padStart(4, '0')}`;
    this.tickets.set(id, { ...request, id, open: true });
    return { id, position: this.position(id), created: true };
  }

  status(ticketId: string): TicketState | undefined {
    const t = this.tickets.get(ticketId);
    if (!t) return undefined;
    if (!t.open) return { status: t.cancelled ? 'cancelled' : 'closed', position: 0 };
    return t.claimed ? { status: 'claimed', position: 0 } : { status: 'waiting', position: this.position(ticketId) };
  }

  isOpen(ticketId: string): boolean {
    return this.tickets.get(ticketId)?.open ?? false;
  }

  claim(ticketId: string): void {
    const t = this.tickets.get(ticketId);
    if (t) t.claimed = true;
  }

  cancel(ticketId: string): void {
    const t = this.tickets.get(ticketId);
    if (t) Object.assign(t, { open: false, cancelled: true });
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
