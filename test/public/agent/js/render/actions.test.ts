import { describe, expect, it } from 'vitest';
import { actionsModel } from '../../../../../public/agent/js/render/actions.js';
import { me, ticket } from '../../../../helpers/agent.js';
import { agentLabels } from '../../../../helpers/labels.js';

describe('the action bar', () => {
  it('offers 引き継ぐ instead of claiming on a ticket someone else holds, and says who has it', () => {
    const model = actionsModel(ticket({ status: 'claimed', agent: 'bob', agentName: 'Bob' }), me, false, agentLabels);
    expect(model).toMatchObject({ claim: { hidden: true }, takeover: { hidden: false, disabled: false }, send: { disabled: true }, close: { disabled: true } });
    expect(model.info).toBe('T-1 は Bob さんが対応中です。');
    expect(model.reply.placeholder).toBe('「引き継ぐ」を押すと返信できます');
  });

  it('lets anyone answer or close a waiting ticket, and disables everything while a request runs', () => {
    expect(actionsModel(ticket(), me, false, agentLabels)).toMatchObject({
      claim: { hidden: false, disabled: false },
      takeover: { hidden: true },
      reply: { disabled: false },
      send: { disabled: false },
      close: { disabled: false },
    });
    expect(actionsModel(ticket(), me, true, agentLabels)).toMatchObject({ claim: { disabled: true }, send: { disabled: true }, close: { disabled: true } });
  });

  it('offers nothing on a closed ticket', () => {
    const model = actionsModel(ticket({ status: 'closed', agent: 'alice' }), me, false, agentLabels);
    expect(model).toMatchObject({ claim: { disabled: true }, takeover: { hidden: true }, reply: { disabled: true }, close: { disabled: true } });
    expect(model.info).toBe('T-1 は終了しています。');
  });
});
