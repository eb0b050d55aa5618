import { describe, expect, it } from 'vitest';
import { maskPhone, NewPassword, normalizeVnPhone, VnPhone } from './accounts.js';

describe('Vietnamese mobile numbers', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['+84 (91) 234-5678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['０９１２３４５６７８', '0912345678'],
    ['0312345678', '0312345678'],
    ['0512345678', '0512345678'],
    ['0712345678', '0712345678'],
    ['0812345678', '0812345678'],
  ])('%s → %s', (input, national) => {
    expect(normalizeVnPhone(input)).toBe(national);
    expect(VnPhone.parse(input)).toBe(national);
  });

  it.each([
    '0212345678',
    '0112345678',
    '091234567',
    '09123456789',
    '+8491234567',
    '849123456789',
    'abc',
    '',
    '+1 555 0100',
  ])('refuses %j', (input) => {
    expect(normalizeVnPhone(input)).toBeNull();
    expect(VnPhone.safeParse(input).success).toBe(false);
  });

  it('masks all but the first four and last three digits', () => {
    expect(maskPhone('0912345678')).toBe('0912***678');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('new passwords', () => {
  it('need 8 characters and not only digits', () => {
    expect(NewPassword.safeParse('Mat-khau-1').success).toBe(true);
    expect(NewPassword.safeParse('ngan1').success).toBe(false);
    expect(NewPassword.safeParse('0912345678').success).toBe(false);
  });
});
