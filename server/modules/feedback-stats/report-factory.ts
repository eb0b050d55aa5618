import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { feedbackCategories, reportPhotos, reports } from '../../db/schema/index.js';

/**
 * Test and benchmark factory: writes reports straight into the tables in one transaction (the delta trigger on
 * reports counts them, as it counts every write). Not used by the running app.
 */
export interface FakeReport {
  id?: string;
  categoryId: string;
  communeCode: string;
  unitPath: string;
  status: 'pending' | 'distributed' | 'resolved' | 'cancelled';
  cancelReason?: 'ineligible' | 'outside_jurisdiction' | 'duplicate' | 'spam' | null;
  description?: string;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  createdAt?: Date;
  resolvedOnTime?: boolean | null;
  rating?: number | null;
  reopenCount?: number;
  reporterId?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  showName?: boolean;
  handlingUnitId?: string | null;
  answerText?: string | null;
  publicCode?: string;
}

let seq = 0;
const run = randomBytes(3).toString('hex').toUpperCase();

/** Inserts reports in one transaction; returns the rows as written (ids, public codes). */
export async function insertReports(db: Db, rows: FakeReport[]) {
  return db.transaction(async (tx) => {
    const written: { id: string; publicCode: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => {
        seq += 1;
        return {
          ...(r.id ? { id: r.id } : {}),
          publicCode: r.publicCode ?? `PA-${run}-${String(seq).padStart(6, '0')}`,
          categoryId: r.categoryId,
          description: r.description ?? 'Phản ánh thử nghiệm',
          status: r.status,
          cancelReason: r.status === 'cancelled' ? (r.cancelReason ?? 'ineligible') : null,
          provinceCode: r.unitPath.split('/')[0],
          communeCode: r.communeCode,
          unitPath: r.unitPath,
          lat: r.lat ?? null,
          lng: r.lng ?? null,
          address: r.address ?? null,
          createdAt: r.createdAt ?? new Date(),
          resolvedAt: r.status === 'resolved' ? (r.createdAt ?? new Date()) : null,
          resolvedOnTime: r.status === 'resolved' ? (r.resolvedOnTime ?? true) : null,
          rating: r.rating ?? null,
          reopenCount: r.reopenCount ?? 0,
          reporterId: r.reporterId ?? null,
          reporterName: r.reporterName ?? null,
          reporterPhone: r.reporterPhone ?? null,
          showName: r.showName ?? false,
          handlingUnitId: r.handlingUnitId ?? null,
          answerText: r.answerText ?? null,
        };
      });
      const inserted = await tx.insert(reports).values(values).returning();
      for (const rep of inserted) written.push({ id: rep.id, publicCode: rep.publicCode });
    }
    return written;
  });
}

/** A feedback category for tests (feedback-core seeds the real ones). */
export async function insertCategory(db: Db, opts: { code: string; nameVi?: string; sensitive?: boolean }) {
  const [row] = await db
    .insert(feedbackCategories)
    .values({
      code: opts.code,
      provinceCode: '19',
      nameVi: opts.nameVi ?? `Lĩnh vực ${opts.code}`,
      nameEn: `Category ${opts.code}`,
      sensitive: opts.sensitive ?? false,
    })
    .returning();
  return row;
}

/** A photo row for a report (keys from storePhotos). */
export async function insertPhoto(
  db: Db,
  reportId: string,
  stored: { storageKey: string; thumbKey: string; width: number; height: number; bytes: number },
  visibility: 'pending' | 'public' | 'hidden' = 'pending',
) {
  const [row] = await db
    .insert(reportPhotos)
    .values({ reportId, ...stored, visibility })
    .returning();
  return row;
}
