import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../public/agent/js/api.js';
import { refusalText } from '../../../../public/agent/js/commands.js';
import { agentLabels } from '../../../helpers/labels.js';

const claimedByBob = { id: 'T-1', status: 'claimed', agent: 'bob', agentName: 'Bob' };

describe('what the console says when the API refuses', () => {
  it("shows the server's message when it sends one", () => {
    const err = new ApiError(403, 'not_owner', 'T-1 は Bob さんが対応中です。', { error: 'not_owner', message: 'T-1 は Bob さんが対応中です。' });
    expect(refusalText(err, claimedByBob, agentLabels)).toEqual({ text: 'T-1 は Bob さんが対応中です。', detail: null });
  });

  it("words today's bare 409 with the shared refusal label, naming the holder, and keeps the server's words in brackets", () => {
    const err = new ApiError(409, null, 'ticket T-1 is claimed', { error: 'ticket T-1 is claimed' });
    expect(refusalText(err, claimedByBob, agentLabels)).toEqual({ text: 'T-1 は Bob さんが対応中です。', detail: 'ticket T-1 is claimed' });
    expect(refusalText(err, { ...claimedByBob, status: 'closed' }, agentLabels).text).toBe('T-1 は終了しています。');
  });

  it('words a not_owner code without a message with the take-over hint', () => {
    expect(refusalText(new ApiError(403, 'not_owner', 'not_owner', { error: 'not_owner' }), claimedByBob, agentLabels).text).toBe(
      'T-1 は Bob さんが対応中です。「引き継ぐ」で担当を移せます。',
    );
  });

  it('falls back to the error, then to a word on the status, then to the network', () => {
    expect(refusalText(new ApiError(400, null, 'text: Too small', { error: 'text: Too small' }), claimedByBob, agentLabels).text).toBe('text: Too small');
    expect(refusalText(new ApiError(502, null, null), null, agentLabels).text).toBe('サーバーエラーが発生しました（502）。');
    expect(refusalText(new ApiError(0, null, null), null, agentLabels).text).toBe('サーバーに接続できません。ネットワークを確認してください。');
  });
});
