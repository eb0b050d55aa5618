/**
 * A scope is a unit path and covers its unit and everything below it, never a sibling whose code merely starts
 * with the same characters (hamlet codes are free text a commune chooses: "05569-1" and "05569-12" can both exist).
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles.js';
import type { Actor } from './actor.js';
import { covers, scopesFor } from './permissions.js';

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

describe('scopesFor(actor, action): the paths a list is filtered by', () => {
  const actor = (...assignments: [Role, string | null, string | null][]): Actor => ({
    kind: 'user',
    id: 'u1',
    assignments: assignments.map(([role, unitPath, handlingUnitId]) => ({
      role,
      unitCode: unitPath?.split('/').at(-1) ?? null,
      unitPath,
      handlingUnitId,
    })),
  });

  it('holds the paths where the policy row allows the action, once each', () => {
    const a = actor(['commune_admin', '19/05569', null], ['team_member', '19/05569/05569-1', null]);
    expect(scopesFor(a, 'audit.read')).toEqual(['19/05569', '19/05569/05569-1']);
    expect(scopesFor(a, 'handling_unit.manage')).toEqual([]);
    expect(scopesFor(actor(['province_admin', '19', null], ['commune_admin', '19', null]), 'audit.read')).toEqual([
      '19',
    ]);
  });

  it('an officer screens by handling unit, not by path', () => {
    expect(scopesFor(actor(['handling_officer', '19/05569', 'h1']), 'report.screen')).toEqual([]);
  });
});
