/**
 * A scope is a unit path and covers its unit and everything below it, never a sibling whose code merely starts
 * with the same characters (hamlet codes are free text a commune chooses: "05569-1" and "05569-12" can both exist).
 */
import { describe, expect, it } from 'vitest';
import { covers } from './permissions.js';

describe('covers(scope, target)', () => {
  it.each([
    ['19', '19', true],
    ['19', '19/05569', true],
    ['19/05569', '19/05569/05569-1', true],
    ['19/05569/05569-1', '19/05569/05569-1', true],
  ])('%s covers %s', (scope, target, expected) => {
    expect(covers(scope, target)).toBe(expected);
  });

  it.each([
    ['19/05569/05569-1', '19/05569/05569-12'],
    ['19/0556', '19/05569'],
    ['1', '19/05569'],
    ['19/05569', '19'],
    ['19/05569', '19/01840'],
    ['19/05569/05569-1', '19/05569'],
  ])('%s does not cover %s', (scope, target) => {
    expect(covers(scope, target)).toBe(false);
  });

  it('no scope or no target covers nothing', () => {
    expect(covers(null, '19')).toBe(false);
    expect(covers('19', null)).toBe(false);
    expect(covers('19', undefined)).toBe(false);
    expect(covers('', '19')).toBe(false);
  });
});
