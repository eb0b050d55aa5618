import sharp from 'sharp';
import type { TestApp } from '../../test/harness.js';
import * as repo from './repo.js';

let n = 0;

/** A service of a province written straight to the database, with one guide of two steps. */
export async function freshService(t: TestApp, provinceCode: string, opts: { published?: boolean } = {}) {
  n += 1;
  const service = await repo.insertService(t.db, {
    slug: `thu-${provinceCode}-${process.pid}-${n}`,
    provinceCode,
    name: `Dịch vụ thử ${n}`,
    publisher: 'Cơ quan thử',
    pillar: 'government',
    purpose: 'Để thử.',
    published: opts.published ?? true,
  });
  const guide = await repo.insertGuide(t.db, {
    serviceId: service.id,
    title: `Hướng dẫn thử ${n}`,
    reviewedOn: '2026-11-30',
    published: opts.published ?? true,
  });
  await repo.insertSteps(t.db, guide.id, [
    { position: 0, text: 'Bước một.' },
    { position: 1, text: 'Bước hai.' },
  ]);
  const steps = await repo.listSteps(t.db, guide.id);
  return { service, guide, steps };
}

export const tinyJpeg = () =>
  sharp({ create: { width: 24, height: 16, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
