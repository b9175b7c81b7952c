/**
 * The troubleshooting dialog's declarations (dialogs/troubleshoot.ts): which
 * question or remedy comes next for the slots known and the remedies tried
 * (spec §3's table and order), and which text each remedy uses.
 */
import { describe, expect, it } from 'vitest';
import type { RemedyId, Slots } from '../../src/core/types.js';
import { nextStep, remedyTextKey, type Step } from '../../dialogs/troubleshoot.js';

const tried = (...ids: RemedyId[]) => ids.map((remedy) => ({ remedy, worked: false }));

describe('nextStep', () => {
  it.each<[string, Slots, RemedyId[], Step | null]>([
    ['nothing known → carrier', {}, [], { ask: 'carrier' }],
    ['other carrier → switched', { carrier: 'other' }, [], { ask: 'switched' }],
    ['other + switched → recreate_account', { carrier: 'other', switched: 'yes' }, [], { remedy: 'recreate_account' }],
    ['other, not switched → app_version (network is not asked off docomo)', { carrier: 'other', switched: 'no' }, [], { ask: 'app_version' }],
    ['docomo → network (switched never asked)', { carrier: 'docomo' }, [], { ask: 'network' }],
    ['docomo + wifi → disable_wifi', { carrier: 'docomo', network: 'wifi' }, [], { remedy: 'disable_wifi' }],
    ['docomo + mobile → app_version', { carrier: 'docomo', network: 'mobile' }, [], { ask: 'app_version' }],
    ['docomo + mobile + outdated → update_app_os', { carrier: 'docomo', network: 'mobile', app_version: 'outdated' }, [], { remedy: 'update_app_os' }],
    ['docomo + mobile + latest → wait_retry', { carrier: 'docomo', network: 'mobile', app_version: 'latest' }, [], { remedy: 'wait_retry' }],
    ['wifi first even when outdated is known', { carrier: 'docomo', network: 'wifi', app_version: 'outdated' }, [], { remedy: 'disable_wifi' }],
    ['recreate first even when outdated is known', { carrier: 'other', switched: 'yes', app_version: 'outdated' }, [], { remedy: 'recreate_account' }],
    ['after recreate_account → app_version', { carrier: 'other', switched: 'yes' }, ['recreate_account'], { ask: 'app_version' }],
    ['after disable_wifi → app_version', { carrier: 'docomo', network: 'wifi' }, ['disable_wifi'], { ask: 'app_version' }],
    [
      'after disable_wifi, outdated known → update_app_os',
      { carrier: 'docomo', network: 'wifi', app_version: 'outdated' },
      ['disable_wifi'],
      { remedy: 'update_app_os' },
    ],
    ['after update_app_os → wait_retry', { carrier: 'docomo', network: 'mobile', app_version: 'outdated' }, ['update_app_os'], { remedy: 'wait_retry' }],
    ['after wait_retry → contact_center', { carrier: 'docomo', network: 'mobile', app_version: 'latest' }, ['wait_retry'], { remedy: 'contact_center' }],
    [
      'all tried → contact_center',
      { carrier: 'other', switched: 'yes', app_version: 'outdated' },
      ['recreate_account', 'update_app_os', 'wait_retry'],
      { remedy: 'contact_center' },
    ],
    ['after contact_center → nothing', { carrier: 'docomo', network: 'mobile', app_version: 'latest' }, ['wait_retry', 'contact_center'], null],
  ])('%s', (_, slots, done, expected) => {
    expect(nextStep(slots, tried(...done))).toEqual(expected);
  });

  it('never asks switched on a docomo line, whatever else is known', () => {
    const networks = [undefined, 'wifi', 'mobile'] as const;
    const versions = [undefined, 'latest', 'outdated'] as const;
    const histories: RemedyId[][] = [[], ['disable_wifi'], ['disable_wifi', 'update_app_os'], ['wait_retry']];
    for (const network of networks)
      for (const app_version of versions)
        for (const h of histories) {
          const slots: Slots = { carrier: 'docomo' };
          if (network) slots.network = network;
          if (app_version) slots.app_version = app_version;
          expect(nextStep(slots, tried(...h)), JSON.stringify({ slots, h })).not.toEqual({ ask: 'switched' });
        }
  });
});

describe('remedyTextKey', () => {
  it.each<[RemedyId, Slots, string]>([
    ['recreate_account', {}, 'remedy.recreate_account'],
    ['disable_wifi', {}, 'remedy.disable_wifi'],
    ['update_app_os', { os: 'ios' }, 'remedy.update_app_os.ios'],
    ['update_app_os', { os: 'android' }, 'remedy.update_app_os.android'],
    ['update_app_os', {}, 'remedy.update_app_os.any'],
    ['wait_retry', {}, 'remedy.wait_retry'],
    ['contact_center', { carrier: 'docomo' }, 'remedy.contact_center.docomo'],
    ['contact_center', { carrier: 'other' }, 'remedy.contact_center.other'],
    ['contact_center', {}, 'remedy.contact_center.docomo'],
  ])('%s with %j → %s', (remedy, slots, key) => {
    expect(remedyTextKey(remedy, slots)).toBe(key);
  });
});
