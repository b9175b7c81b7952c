// The action bar of the open ticket: which buttons show and work, by the agent's rights, and the line that says where the ticket stands.

import { fill, label, phrase } from '../labels.js';
import { holderOf, rightsOf, stanceOf } from '../rights.js';
import { TEXT } from '../text.js';

/**
 * @typedef {{ claim: { hidden: boolean, disabled: boolean }, takeover: { hidden: boolean, disabled: boolean },
 *   reply: { disabled: boolean, placeholder: string }, send: { disabled: boolean }, note: { disabled: boolean },
 *   close: { disabled: boolean }, info: string }} ActionsModel
 */

/**
 * @param {any} ticket
 * @param {import('../rights.js').Me | null} me
 * @param {boolean} busy a request is under way
 * @param {import('../labels.js').Labels} labels
 * @returns {ActionsModel}
 */
export function actionsModel(ticket, me, busy, labels) {
  const rights = rightsOf(ticket, me);
  const stance = stanceOf(ticket, me);
  const vars = { id: ticket && ticket.id, agent: holderOf(ticket) };
  const info =
    stance === 'waiting' || stance === 'mine'
      ? TEXT.stance[stance]
      : stance === 'other'
        ? phrase(labels, 'refusal.claimed', vars)
        : stance
          ? phrase(labels, `refusal.${stance}`, vars)
          : '';
  const placeholder = rights.reply
    ? TEXT.reply.open
    : rights.takeover
      ? fill(TEXT.reply.locked, { action: label(labels, 'action', 'takeover') })
      : TEXT.reply.over;
  return {
    claim: { hidden: rights.takeover, disabled: !rights.claim || busy },
    takeover: { hidden: !rights.takeover, disabled: busy },
    reply: { disabled: !rights.reply, placeholder },
    send: { disabled: !rights.reply || busy },
    note: { disabled: !rights.close },
    close: { disabled: !rights.close || busy },
    info,
  };
}

/**
 * Puts the model on the action bar's elements.
 * @param {Record<string, any>} el
 * @param {ActionsModel} model
 */
export function applyActions(el, model) {
  el.claim.hidden = model.claim.hidden;
  el.claim.disabled = model.claim.disabled;
  el.takeover.hidden = model.takeover.hidden;
  el.takeover.disabled = model.takeover.disabled;
  el.reply.disabled = model.reply.disabled;
  el.reply.placeholder = model.reply.placeholder;
  el.send.disabled = model.send.disabled;
  el.note.disabled = model.note.disabled;
  el.close.disabled = model.close.disabled;
  if (el.claimInfo.textContent !== model.info) el.claimInfo.textContent = model.info; // a live region: said once, when it changes
}
