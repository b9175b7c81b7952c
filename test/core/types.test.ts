import { describe, expect, it } from 'vitest';
import { INTENTS, isLoginIntent } from '../../src/core/types.js';

describe('isLoginIntent', () => {
  it('is true for the login failures the troubleshooting dialog handles, and for nothing else', () => {
    expect(INTENTS.filter(isLoginIntent)).toEqual(['login_failed', 'carrier_switched', 'wifi_login', 'app_outdated', 'temporary_error', 'error_code']);
  });

  it.each(['password_forgotten', 'create_account', 'human_agent', 'greeting', 'out_of_scope'] as const)('%s is not a login failure', (intent) => {
    expect(isLoginIntent(intent)).toBe(false);
  });
});
