import { describe, expect, it } from 'vitest';
import { redact } from '../../src/privacy/redact.js';

describe('redact', () => {
  it.each([
    ['カード番号は 4111 1111 1111 1111 です', 'カード番号は [card number] です', ['card']],
    ['4980-1234-5678-9012', '[card number]', ['card']],
    ['４１１１１１１１１１１１１１１１', '[card number]', ['card']],
    ['折り返しは090-1234-5678にお願いします', '折り返しは[phone number]にお願いします', ['phone']],
    ['０８０ １２３４ ５６７８', '[phone number]', ['phone']],
    ['+81 90 1234 5678', '[phone number]', ['phone']],
    ['連絡先は taro.yamada@example.co.jp です', '連絡先は [email] です', ['email']],
    ['パスワードは abc12345 です', 'パスワードは [secret] です', ['secret']],
    ['暗証番号:1234', '暗証番号:[secret]', ['secret']],
    ['my password is hunter22', 'my password is [secret]', ['secret']],
    ['PIN is 4321', 'PIN is [secret]', ['secret']],
  ])('masks %s', (text, masked, found) => {
    expect(redact(text)).toEqual({ text: masked, found });
  });

  it.each([
    'FES1003が出ます',
    'エラーコード KP23002',
    'E-0510 on my iPhone 12',
    'アプリのバージョンは5.4.0です',
    '151に電話すればいいですか',
    'パスワードを忘れました',
    'パスワードは忘れてしまいました',
    'パスワードが違うと言われます',
    '注文番号1234567890123',
    'pineapple 1234',
  ])('leaves %s as it is', (text) => {
    expect(redact(text)).toEqual({ text, found: [] });
  });
});
