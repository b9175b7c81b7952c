import type { OpenedTicket, TicketRequest, TicketSink } from './types.js';

/** A ticket sink in memory, for the terminal and tests: tickets stay open until `close`. */
export class MemoryTicketSink implements TicketSink {
  readonly tickets = new Map<string, TicketRequest & { id: string; open: boolean }>();
  private next = 1;

  open(request: TicketRequest): OpenedTicket {
    const existing = [...this.tickets.values()].find((t) => t.open && t.conversationId === request.conversationId);
    if (existing) return { id: existing.id, position: this.position(existing.id), created: false };
    const id = `T${String(this.next++).padStart(4, '0')}`;
    this.tickets.set(id, { ...request, id, open: true });
    return { id, position: this.position(id), created: true };
  }

  isOpen(ticketId: string): boolean {
    return this.tickets.get(ticketId)?.open ?? false;
  }

  close(ticketId: string): void {
    const t = this.tickets.get(ticketId);
    if (t) t.open = false;
  }

  private position(id: string): number {
    const open = [...this.tickets.values()].filter((t) => t.open);
    return open.findIndex((t) => t.id === id) + 1;
  }
}
