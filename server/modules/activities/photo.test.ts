/**
 * An activity's optional photo: the same upload rules as report photos (file type sniffed, re-encoded, metadata
 * stripped), set by its author within 7 days or the commune, read only by those who may read the activity.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { activity, get, hamletWithTeam, linkedMember, type Person, person, sync } from './test-support.js';

let t: TestApp;
let author: Person;
let otherMember: Person;
let communeAdmin: Person;
let otherCommuneAdmin: Person;
let citizen: Person;
let a: ReturnType<typeof activity>;

const phoneJpeg = () =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 0/1' },
    })
    .toBuffer();

const put = (who: Person | null, id: string, file: Buffer, field = 'photo') => {
  const body = multipart(file, 'IMG_1.jpg', 'image/jpeg', field);
  return t.app.inject({
    method: 'PUT',
    url: `/api/activities/${id}/photo`,
    headers: { ...(who?.headers ?? {}), ...body.headers },
    payload: body.payload,
  });
};

beforeAll(async () => {
  t = await createTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-activity-photos-')) });
  const teamA = await hamletWithTeam(t, '05569', 'Trung Kiên');
  const teamB = await hamletWithTeam(t, '05569', 'Bãi Á');
  author = await linkedMember(t, teamA);
  otherMember = await linkedMember(t, teamB);
  communeAdmin = await person(t, 'commune_admin', '05569');
  otherCommuneAdmin = await person(t, 'commune_admin', '05611');
  citizen = await person(t, 'citizen');
  a = activity(teamA.hamlet.code);
  await sync(t, author, [a]);
});
afterAll(() => t.close());

describe('activity photo', () => {
  it('the author sets it: re-encoded with no EXIF or GPS; readers in scope get it, others 404', async () => {
    const res = await put(author, a.id, await phoneJpeg());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ photoUrl: `/api/activities/${a.id}/photo`, version: 1 });
    const photo = await get(t, author, `/api/activities/${a.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('private, no-cache');
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect((await get(t, communeAdmin, `/api/activities/${a.id}/photo?thumb=1`)).statusCode).toBe(200);
    for (const who of [otherMember, otherCommuneAdmin, citizen])
      expect((await get(t, who, `/api/activities/${a.id}/photo`)).statusCode).toBe(404);
    expect((await get(t, null, `/api/activities/${a.id}/photo`)).statusCode).toBe(401);
  });

  it('not an image: 415 naming photo; no file field: 400; others may not set it', async () => {
    const text = await put(author, a.id, Buffer.from('%PDF-1.4 not a photo'));
    expect(text.statusCode).toBe(415);
    expect(Object.keys(text.json().error.fields)).toEqual(['photo']);
    expect((await put(author, a.id, await phoneJpeg(), 'file')).statusCode).toBe(400);
    for (const who of [otherMember, otherCommuneAdmin, citizen])
      expect((await put(who, a.id, await phoneJpeg())).statusCode).toBe(404);
  });

  it('after 7 days the author may not; the commune may (audited) and may remove it', async () => {
    await t.database.query(`update activities set created_at = now() - interval '8 days' where id = $1`, [a.id]);
    const late = await put(author, a.id, await phoneJpeg());
    expect(late.statusCode).toBe(403);
    expect((await put(communeAdmin, a.id, await phoneJpeg())).statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${a.id}/photo`,
      headers: communeAdmin.headers,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().photoUrl).toBeNull();
    expect((await get(t, author, `/api/activities/${a.id}/photo`)).statusCode).toBe(404);
    const [n] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where resource_id = $1 and action like 'activity.photo_%'`,
      [a.id],
    );
    expect(n.n).toBe(2);
  });
});
