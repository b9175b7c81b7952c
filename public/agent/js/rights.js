// What the signed-in agent may do with a ticket, by the desk's rules: anyone claims or closes a waiting ticket (a first reply claims it); only the holder replies to or closes a claimed one; anyone else may take it over.

/**
 * @typedef {{ id: string, name: string, admin: boolean }} Me
 * @typedef {{ claim: boolean, takeover: boolean, reply: boolean, close: boolean }} Rights
 * @typedef {'waiting' | 'mine' | 'other' | 'closed' | 'cancelled'} Stance
 */

/**
 * Where the agent stands with a ticket.
 * @param {any} ticket
 * @param {Me | null} me
 * @returns {Stance | null}
 */
export function stanceOf(ticket, me) {
  if (!ticket) return null;
  if (ticket.status === 'claimed') return me && ticket.agent === me.id ? 'mine' : 'other';
  return ticket.status === 'waiting' || ticket.status === 'closed' || ticket.status === 'cancelled' ? ticket.status : null;
}

/**
 * @param {any} ticket
 * @param {Me | null} me
 * @returns {Rights}
 */
export function rightsOf(ticket, me) {
  const stance = stanceOf(ticket, me);
  const workable = stance === 'waiting' || stance === 'mine';
  return { claim: stance === 'waiting', takeover: stance === 'other', reply: workable, close: workable };
}

/** Who holds a ticket, as people read it: the display name, else the agent id. */
export const holderOf = (/** @type {any} */ ticket) => (ticket && (ticket.agentName || ticket.agent)) || null;

/**
 * The signed-in agent from GET /agent/api/me: { id, name, admin } (today's server sends only { name }, which is also the id).
 * @returns {Me}
 */
export function meFrom(/** @type {any} */ body) {
  const id = body && typeof body.id === 'string' && body.id ? body.id : body && typeof body.name === 'string' ? body.name : '';
  const name = body && typeof body.name === 'string' && body.name ? body.name : id;
  return { id, name, admin: Boolean(body && body.admin === true) };
}
