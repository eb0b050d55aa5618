/**
 * The platform's SQL building blocks, run on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL): what
 * the database answers is what counts, not the text the helpers build.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { openTestDatabase } from '../test/harness.js';
import { AppError } from './errors.js';
import { claimKey, forgetKeys, idempotencyKeyOf } from './idempotency/index.js';
import { escapeLike, nameSearchText } from './like.js';
import { covers } from './permissions.js';
import { pathCoveredBy } from './unit-scope-sql.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const one = async <T>(query: SQL) => (await queryRows<T>(database.db, query))[0];

describe('escapeLike', () => {
  it('escapes %, _ and \\ with a backslash', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it.each([
    ['50%', '50% off', true],
    ['50%', '500 off', false],
    ['a_b', 'a_b', true],
    ['a_b', 'axb', false],
    ['a\\b', 'a\\b', true],
    ['a\\b', 'ab', false],
  ])('"%s" matched literally in "%s": %s', async (needle, haystack, expected) => {
    const row = await one<{ hit: boolean }>(sql`select ${haystack}::text like ${`%${escapeLike(needle)}%`} as hit`);
    expect(row.hit).toBe(expected);
  });

  it('name search text drops wildcards and backslashes', () => {
    expect(nameSearchText('  Định%_\\  Hoá ')).toBe('Định Hoá');
    expect(nameSearchText('%_')).toBe('');
  });
});

describe('pathCoveredBy(column, scopes): the SQL twin of covers()', () => {
  it.each([
    ['19/05569', '19/05569'],
    ['19/05569', '19/05569/05569-003'],
    ['19', '19/05569/05569-003'],
    ['19/055', '19/0556'],
    ['19/0556', '19/05569'],
    ['19/05569', '19'],
    ['19/05569/05569-1', '19/05569/05569-12'],
    ['19/0_569', '19/05569'],
    ['19/05569', '19/01840'],
  ])('scope %s, path %s: the same answer as covers()', async (scope, path) => {
    const row = await one<{ hit: boolean }>(sql`select ${pathCoveredBy(sql`${path}::text`, [scope])} as hit`);
    expect(row.hit).toBe(covers(scope, path));
  });

  it('the unit itself and a child are covered, a sibling with a common prefix is not', async () => {
    const hits = async (scopes: string[]) =>
      (
        await queryRows<{ p: string }>(
          database.db,
          sql`select p from (values ('19/055'), ('19/055/1'), ('19/0556'), ('19/05569')) t(p)
              where ${pathCoveredBy(sql`t.p`, scopes)} order by p`,
        )
      ).map((r) => r.p);
    expect(await hits(['19/055'])).toEqual(['19/055', '19/055/1']);
    expect(await hits(['19/0556', '19/055/1'])).toEqual(['19/055/1', '19/0556']);
    expect(await hits([])).toEqual([]);
  });
});

describe('queryRows', () => {
  it('gives the rows of a raw statement, counts as numbers on both drivers', async () => {
    const rows = await queryRows<{ n: number; code: string }>(
      database.db,
      sql`select count(*)::int as n, min(code) as code from units where code = '19'`,
    );
    expect(rows).toEqual([{ n: 1, code: '19' }]);
  });
});

describe('idempotency keys', () => {
  it('a key is claimed once; forgotten after its days, it can be claimed again', async () => {
    const claim = { key: `test:${Math.random()}`, scope: 'test-scope' };
    expect(await claimKey(database.db, claim)).toBe(true);
    expect(await claimKey(database.db, claim)).toBe(false);
    await forgetKeys(database.db, 'test-scope', 1);
    expect(await claimKey(database.db, claim)).toBe(false);
    await database.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '2 days' where key = ${claim.key}`,
    );
    await forgetKeys(database.db, 'other-scope', 1);
    expect(await claimKey(database.db, claim)).toBe(false);
    await forgetKeys(database.db, 'test-scope', 1);
    expect(await claimKey(database.db, claim)).toBe(true);
  });

  it('the header is 8–200 printable ASCII characters; anything else is a 400 naming it', () => {
    expect(idempotencyKeyOf({})).toBeUndefined();
    expect(idempotencyKeyOf({ 'idempotency-key': 'retry-0001' })).toBe('retry-0001');
    for (const bad of ['short', 'has space in it', 'x'.repeat(201), ['retry-0001', 'retry-0002']]) {
      let error: unknown;
      try {
        idempotencyKeyOf({ 'idempotency-key': bad });
      } catch (e) {
        error = e;
      }
      expect(error instanceof AppError && error.status === 400 && 'idempotency-key' in (error.fields ?? {})).toBe(true);
    }
  });
});
