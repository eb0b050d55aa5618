import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db/client.js';
import { feedbackCategories, reportEvents, reports } from '../../db/schema/index.js';
import { reportEventJob } from '../feedback/jobs.js';

let n = 0;

/**
 * Report rows written directly, the way the feedback service writes them, so the notification jobs can be
 * driven without the whole submission flow.
 */
export async function insertCategory(db: Db, over: Record<string, unknown> = {}) {
  n += 1;
  const [row] = await db
    .insert(feedbackCategories)
    .values({
      code: `test-${process.pid}-${n}`,
      provinceCode: '19',
      nameVi: 'Giao thông',
      nameEn: 'Traffic',
      descriptionVi: 'Ổ gà, đèn tín hiệu, biển báo',
      ...over,
    })
    .returning();
  return row;
}

export async function insertReport(
  db: Db,
  opts: {
    categoryId: string;
    reporterId?: string | null;
    status?: 'pending' | 'distributed' | 'resolved' | 'cancelled';
    cancelReason?: 'ineligible' | 'outside_jurisdiction' | 'duplicate' | 'spam' | null;
    channel?: 'app' | 'zalo' | 'hotline' | 'open311';
    handlingUnitId?: string | null;
    answerText?: string | null;
    reporterPhone?: string | null;
    createdAt?: Date;
  },
) {
  n += 1;
  const [row] = await db
    .insert(reports)
    .values({
      publicCode: `PA-26-${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(3, '0')}`,
      categoryId: opts.categoryId,
      description: 'Ổ gà lớn trước cổng trường tiểu học',
      status: opts.status ?? 'pending',
      cancelReason: opts.cancelReason ?? null,
      channel: opts.channel ?? 'app',
      reporterId: opts.reporterId ?? null,
      reporterPhone: opts.reporterPhone ?? null,
      consentRecordedAt: opts.reporterPhone ? new Date() : null,
      lat: 21.9,
      lng: 105.65,
      address: 'Thôn Nà Mòn',
      provinceCode: '19',
      communeCode: '05569',
      unitPath: '19/05569',
      handlingUnitId: opts.handlingUnitId ?? null,
      answerText: opts.answerText ?? null,
      createdAt: opts.createdAt ?? new Date(),
      updatedAt: opts.createdAt ?? new Date(),
    })
    .returning();
  return row;
}

/** Writes an event and enqueues its `feedback.event` job, as every feedback transition does. */
export async function insertEvent(
  db: Db,
  reportId: string,
  e: {
    type: string;
    actorId?: string | null;
    toStatus?: string | null;
    toHandlingUnitId?: string | null;
    reason?: string | null;
    public?: boolean;
  },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reportEvents)
      .values({
        reportId,
        actorId: e.actorId ?? null,
        actorKind: e.actorId ? 'user' : 'system',
        type: e.type,
        toStatus: e.toStatus ?? null,
        toHandlingUnitId: e.toHandlingUnitId ?? null,
        reason: e.reason ?? null,
        public: e.public ?? true,
      })
      .returning();
    await reportEventJob.enqueue(tx, { reportId, eventId: row.id });
    return row;
  });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
}

/** A real SMTP server in this process (no TLS, no auth) that keeps what it receives. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...decodeMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Enough MIME decoding for a single-part text message: encoded-word subject, QP or base64 body. */
function decodeMail(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
  );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? qp(body.replace(/=\r\n/g, ''))
        : body;
  return { subject, text };
}

function qp(s: string) {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
