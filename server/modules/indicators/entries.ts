import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  INDICATOR_BY_CODE,
  INDICATOR_IMPORT_COLUMNS,
  INDICATOR_IMPORT_MAX_ROWS,
  INDICATORS,
  type IndicatorDef,
  type IndicatorImportField,
} from '../../../common/constants/indicators.js';
import type {
  IndicatorEntriesQuery,
  IndicatorEntryInput,
  IndicatorEntryList,
  IndicatorEntryView,
  IndicatorImportResult,
  IndicatorTargetInput,
  IndicatorTargetView,
} from '../../../common/indicators.js';
import { foldVn } from '../../../common/units.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { addMonths, vnDate } from '../../platform/calendar.js';
import { AppError, errors } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import { scopedIdempotencyKey } from '../../platform/idempotency/index.js';
import { authorize } from '../../platform/permissions.js';
import {
  dataRows,
  fileProblem,
  findColumns,
  ImportRejected,
  parseDay,
  type RowError,
  readTable,
} from '../../platform/spreadsheet.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './repo.js';

/*
 * Entered indicators: a unit's monthly figures (a form, or a spreadsheet: all rows or none), appended with their
 * history; a different figure for a key that has one is a correction (a reason, the earlier kept, audited); the same
 * figure again changes nothing. Targets per unit (and below) from a month on.
 */

interface Meta {
  requestId?: string;
  idempotencyKey?: string;
}
type Unit = Awaited<ReturnType<UnitsService['requireUnit']>>;

/** A figure as entered: what the form or a spreadsheet row gives. */
export interface FigureInput {
  month: string;
  subject: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
  reason: string | null;
}

const MSG = {
  required: { vi: 'Bắt buộc nhập.', en: 'Required.' },
  notForRatio: {
    vi: 'Chỉ tiêu tỷ lệ: nhập tử số và mẫu số, không nhập giá trị.',
    en: 'A ratio: enter the numerator and the denominator, not a value.',
  },
  notForCount: {
    vi: 'Chỉ tiêu này nhập một giá trị, không có tử số và mẫu số.',
    en: 'This indicator takes one value, not a numerator and a denominator.',
  },
  numeratorOver: {
    vi: 'Tử số không được lớn hơn mẫu số.',
    en: 'The numerator cannot be greater than the denominator.',
  },
  subjectRequired: {
    vi: 'Chỉ tiêu này nhập theo từng cơ quan, đơn vị: hãy ghi tên cơ quan.',
    en: 'This indicator is entered per agency: name the agency.',
  },
  subjectNotAllowed: {
    vi: 'Chỉ tiêu này không nhập theo cơ quan, đơn vị.',
    en: 'This indicator is not entered per agency.',
  },
  reasonRequired: {
    vi: 'Tháng này đã có số liệu khác: nhập lý do điều chỉnh (ít nhất 3 ký tự).',
    en: 'This month already has a different figure: give the reason for the correction (3 characters or more).',
  },
  futureMonth: { vi: 'Không nhập số liệu cho tháng chưa đến.', en: 'Not for a month still to come.' },
  unknownIndicator: { vi: 'Không có chỉ tiêu này.', en: 'No such indicator.' },
  computed: {
    vi: 'Chỉ tiêu này được tính tự động từ dữ liệu của Xã Số, không nhập tay.',
    en: 'This indicator is computed from Xã Số’s own data; it is not entered.',
  },
  level: {
    vi: 'Chỉ tiêu này không nhập cho cấp đơn vị này.',
    en: 'This indicator is not entered at this unit’s level.',
  },
} satisfies Record<string, Message>;

/** What is wrong with a figure for an indicator, field by field (empty: fine). */
export function figureProblems(def: IndicatorDef, f: FigureInput): { field: string; message: Message }[] {
  const out: { field: string; message: Message }[] = [];
  if (def.kind === 'ratio') {
    if (f.value != null) out.push({ field: 'value', message: MSG.notForRatio });
    if (f.numerator == null) out.push({ field: 'numerator', message: MSG.required });
    if (f.denominator == null) out.push({ field: 'denominator', message: MSG.required });
    if (f.numerator != null && f.denominator != null && f.numerator > f.denominator)
      out.push({ field: 'numerator', message: MSG.numeratorOver });
  } else {
    if (f.value == null) out.push({ field: 'value', message: MSG.required });
    if (f.numerator != null) out.push({ field: 'numerator', message: MSG.notForCount });
    if (f.denominator != null) out.push({ field: 'denominator', message: MSG.notForCount });
  }
  if (def.bySubject && !f.subject) out.push({ field: 'subject', message: MSG.subjectRequired });
  if (!def.bySubject && f.subject) out.push({ field: 'subject', message: MSG.subjectNotAllowed });
  if (f.month > vnDate(new Date()).slice(0, 7)) out.push({ field: 'month', message: MSG.futureMonth });
  return out;
}

const sameFigure = (row: repo.EntryRow, f: FigureInput) =>
  row.value === f.value && row.numerator === f.numerator && row.denominator === f.denominator;

const figureOfRow = (r: repo.EntryRow) => ({ value: r.value, numerator: r.numerator, denominator: r.denominator });

export function createEntries(deps: { db: Db; units: UnitsService; definitionOf: (code: string) => IndicatorDef }) {
  const { db, units } = deps;

  async function unitFor(actor: Actor, code: string, action: 'indicator.enter' | 'indicator.read', field: string) {
    const unit = await units.requireUnit(code).catch(() => {
      throw errors.invalidField(field, { vi: 'Không có đơn vị này.', en: 'No such unit.' });
    });
    authorize(actor, action, { unitPath: unit.path });
    return unit;
  }

  function enteredDef(code: string, field = 'indicator'): IndicatorDef {
    const def = INDICATOR_BY_CODE.get(code);
    if (!def) throw errors.invalidField(field, MSG.unknownIndicator);
    if (def.origin !== 'entered') throw errors.invalidField(field, MSG.computed);
    return def;
  }

  async function viewsOf(exec: Executor, rows: repo.EntryRow[], unitNames: Map<string, string>) {
    const names = await repo.enteredByNames(exec, [
      ...new Set(rows.flatMap((r) => (r.enteredBy ? [r.enteredBy] : []))),
    ]);
    return rows.map(
      (r): IndicatorEntryView => ({
        id: r.id,
        indicator: r.indicator,
        unitCode: r.unitCode,
        unitName: unitNames.get(r.unitCode) ?? r.unitCode,
        month: r.month.slice(0, 7),
        subject: r.subject || null,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        note: r.note,
        reason: r.reason,
        enteredBy: (r.enteredBy && names.get(r.enteredBy)) || '—',
        enteredAt: r.enteredAt.toISOString(),
        current: r.current,
      }),
    );
  }

  /**
   * Writes one figure in the caller's transaction: the same figure as the current one changes nothing; a different
   * one needs a reason, supersedes it (kept as history) and is audited.
   */
  async function put(
    tx: Executor,
    actor: Actor,
    unit: Unit,
    def: IndicatorDef,
    f: FigureInput,
    meta: Meta,
  ): Promise<{ row: repo.EntryRow; outcome: 'entered' | 'corrected' | 'unchanged' }> {
    const key = { indicator: def.code, unitCode: unit.code, month: `${f.month}-01`, subject: f.subject };
    const current = await repo.lockCurrent(tx, key);
    if (current && sameFigure(current, f)) return { row: current, outcome: 'unchanged' };
    if (current && !f.reason) throw errors.invalidField('reason', MSG.reasonRequired);
    const id = randomUUID();
    if (current) await repo.supersede(tx, current.id, id);
    const row = await repo.insertEntry(tx, {
      id,
      ...key,
      unitPath: unit.path,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      note: f.note,
      reason: current ? f.reason : null,
      enteredBy: actor.kind === 'user' ? actor.id : null,
      idempotencyKey: meta.idempotencyKey ? scopedIdempotencyKey(actor, meta.idempotencyKey) : null,
    });
    if (current)
      await recordAudit(
        tx,
        actor,
        {
          action: 'indicator.correct',
          resourceType: 'indicator_entry',
          resourceId: id,
          unitPath: unit.path,
          reason: f.reason,
          details: {
            indicator: def.code,
            month: f.month,
            subject: f.subject || null,
            before: figureOfRow(current),
            after: figureOfRow(row),
            replaces: current.id,
          },
        },
        meta.requestId,
      );
    return { row, outcome: current ? 'corrected' : 'entered' };
  }

  const toInput = (e: IndicatorEntryInput): FigureInput => ({
    month: e.month,
    subject: e.subject ?? '',
    value: e.value ?? null,
    numerator: e.numerator ?? null,
    denominator: e.denominator ?? null,
    note: e.note || null,
    reason: e.reason || null,
  });

  return {
    /**
     * Enters a unit's figure for a month (and subject): 201 with the entry; the same figure again, or a retry with
     * the same Idempotency-Key, answers the entry already there (200).
     */
    async enter(
      actor: Actor,
      input: IndicatorEntryInput,
      meta: Meta = {},
    ): Promise<{ entry: IndicatorEntryView; created: boolean }> {
      const def = enteredDef(input.indicator);
      const unit = await unitFor(actor, input.unitCode, 'indicator.enter', 'unitCode');
      const names = new Map([[unit.code, unit.fullName]]);
      if (meta.idempotencyKey) {
        const again = await repo.entryByIdempotencyKey(db, scopedIdempotencyKey(actor, meta.idempotencyKey));
        if (again) return { entry: (await viewsOf(db, [again], names))[0], created: false };
      }
      if (!def.levels.includes(unit.level)) throw errors.invalidField('unitCode', MSG.level);
      const f = toInput(input);
      const problems = figureProblems(def, f);
      if (problems.length)
        throw new AppError(
          400,
          'invalid_input',
          { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' },
          Object.fromEntries(problems.map((p) => [p.field, p.message])),
        );
      const { row, outcome } = await db.transaction((tx) => put(tx, actor, unit, def, f, meta));
      return { entry: (await viewsOf(db, [row], names))[0], created: outcome !== 'unchanged' };
    },

    /** A unit's entries, current and replaced (the history), by indicator and subject, newest first. */
    async entries(actor: Actor, q: IndicatorEntriesQuery): Promise<IndicatorEntryList> {
      const unit = await unitFor(actor, q.unit, 'indicator.read', 'unit');
      const rows = await repo.entryHistory(db, {
        unitCode: unit.code,
        indicator: q.indicator,
        month: q.month ? `${q.month}-01` : undefined,
      });
      return { entries: await viewsOf(db, rows, new Map([[unit.code, unit.fullName]])) };
    },

    /** Sets an indicator's target for a unit and below from a month on (a second PUT of the same key replaces it). */
    async setTarget(actor: Actor, input: IndicatorTargetInput, meta: Meta = {}): Promise<IndicatorTargetView> {
      const def = INDICATOR_BY_CODE.get(input.indicator);
      if (!def) throw errors.invalidField('indicator', MSG.unknownIndicator);
      const unit = await units.requireUnit(input.unitCode).catch(() => {
        throw errors.invalidField('unitCode', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
      });
      authorize(actor, 'indicator.target', { unitPath: unit.path });
      if (input.subject && !def.bySubject) throw errors.invalidField('subject', MSG.subjectNotAllowed);
      if (def.percent && (input.value < 0 || input.value > 100))
        throw errors.invalidField('value', { vi: 'Tỷ lệ từ 0 đến 100 (%).', en: 'A percentage from 0 to 100.' });
      if (!def.percent && input.value < 0)
        throw errors.invalidField('value', { vi: 'Không được âm.', en: 'Cannot be negative.' });
      const row = await db.transaction(async (tx) => {
        const written = await repo.upsertTarget(tx, {
          indicator: def.code,
          unitCode: unit.code,
          unitPath: unit.path,
          fromMonth: `${input.fromMonth}-01`,
          subject: input.subject ?? '',
          value: input.value,
          setBy: actor.kind === 'user' ? actor.id : null,
        });
        await recordAudit(
          tx,
          actor,
          {
            action: 'indicator.target',
            resourceType: 'indicator_target',
            resourceId: written.id,
            unitPath: unit.path,
            details: {
              indicator: def.code,
              fromMonth: input.fromMonth,
              subject: input.subject ?? null,
              value: input.value,
            },
          },
          meta.requestId,
        );
        return written;
      });
      return {
        indicator: row.indicator,
        unitCode: row.unitCode,
        fromMonth: row.fromMonth.slice(0, 7),
        subject: row.subject || null,
        value: row.value,
      };
    },

    /**
     * Imports a unit's figures from a spreadsheet: every row checked first, then all written in one transaction or
     * none (422 with the row report). A row equal to the figure there is skipped (a file uploaded twice adds nothing);
     * a different one is a correction and needs its reason column.
     */
    async importEntries(
      actor: Actor,
      unitCode: string,
      file: Buffer,
      opts: { dryRun: boolean } & Meta,
    ): Promise<IndicatorImportResult> {
      const unit = await unitFor(actor, unitCode, 'indicator.enter', 'unit');
      const table = await readTable(file);
      const { rows, errors: rowErrors, columns } = validateRows(table, unit.level);
      const header = (f: IndicatorImportField) => INDICATOR_IMPORT_COLUMNS.find((c) => c.field === f)!.header;
      const run = async (tx: Executor) => {
        const counts = { entered: 0, corrected: 0, unchanged: 0 };
        for (const r of rows) {
          const current = await repo.lockCurrent(tx, {
            indicator: r.def.code,
            unitCode: unit.code,
            month: `${r.figure.month}-01`,
            subject: r.figure.subject,
          });
          if (current && sameFigure(current, r.figure)) counts.unchanged += 1;
          else if (current && !r.figure.reason)
            rowErrors.push({
              row: r.row,
              field: 'reason',
              column: header('reason'),
              col: columns.reason,
              message: MSG.reasonRequired,
            });
          else if (!opts.dryRun) counts[(await put(tx, actor, unit, r.def, r.figure, {})).outcome] += 1;
          else counts[current ? 'corrected' : 'entered'] += 1;
        }
        if (rowErrors.length)
          throw new ImportRejected(
            422,
            rowErrors.sort((a, b) => a.row - b.row),
          );
        if (!opts.dryRun && counts.entered + counts.corrected > 0)
          await recordAudit(
            tx,
            actor,
            {
              action: 'indicator.import',
              resourceType: 'unit',
              resourceId: unit.code,
              unitPath: unit.path,
              details: { rows: rows.length, ...counts },
            },
            opts.requestId,
          );
        return counts;
      };
      const counts = await db.transaction(run);
      return { ok: true, dryRun: opts.dryRun, ...counts };
    },

    /** The import's template for a unit: a row per entered indicator of its level for last month, to fill. */
    async importTemplate(actor: Actor, unitCode: string): Promise<Buffer> {
      const unit = await unitFor(actor, unitCode, 'indicator.enter', 'unit');
      const month = addMonths(vnDate(new Date()).slice(0, 7), -1);
      const defs = INDICATORS.filter((d) => d.origin === 'entered' && d.levels.includes(unit.level));
      return buildTemplate(defs, month);
    },
  };
}

// ----- the spreadsheet ---------------------------------------------------------------------------------------------

const text = (v: string | number | null) => (v === null ? '' : String(v).normalize('NFC').replace(/\s+/g, ' ').trim());

/** "447.369", "447,369", "447 369", "55,5", 447369 → a number; NaN when not one. */
export function parseNumber(v: string | number | null): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  const s = v.replace(/\s/g, '');
  if (s === '') return null;
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  return /^\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : Number.NaN;
}

/** "2026-03", "03/2026", "3/2026", "T3/2026", "tháng 3/2026" or a date cell → "2026-03"; null if none. */
export function parseMonth(v: string | number | null): string | null {
  if (v === null) return null;
  const s = foldVn(String(v)).replace(/^(thang|t)\s*/, '');
  const ym = /^(\d{4})-(\d{1,2})$/.exec(s);
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  const day = parseDay(String(v));
  const [y, m] = ym ? [ym[1], ym[2]] : my ? [my[2], my[1]] : day ? [day.slice(0, 4), day.slice(5, 7)] : [];
  if (!y || !m || Number(m) < 1 || Number(m) > 12) return null;
  return `${y}-${m.padStart(2, '0')}`;
}

const BY_NAME = new Map(
  INDICATORS.flatMap((d) => [
    [foldVn(d.code), d],
    [foldVn(d.name.vi), d],
  ]),
);

/** Checks every row of a unit's file: indicator, month, subject and figure; the same key twice is refused. */
export function validateRows(table: Awaited<ReturnType<typeof readTable>>, level: Unit['level']) {
  const at = findColumns(table, INDICATOR_IMPORT_COLUMNS);
  const rows: { row: number; def: IndicatorDef; figure: FigureInput }[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const header = (f: IndicatorImportField) => INDICATOR_IMPORT_COLUMNS.find((c) => c.field === f)!.header;
  const filled = dataRows(table, INDICATOR_IMPORT_MAX_ROWS).filter((r) =>
    (['value', 'numerator', 'denominator'] as const).some((f) => at[f] !== undefined && text(r.cells[at[f]!] ?? null)),
  );
  if (filled.length === 0)
    throw fileProblem('file', {
      vi: 'Không dòng nào có số liệu (giá trị, hoặc tử số và mẫu số).',
      en: 'No row has a figure (a value, or a numerator and a denominator).',
    });
  for (const r of filled) {
    const get = (f: IndicatorImportField) => (at[f] === undefined ? null : (r.cells[at[f]!] ?? null));
    const fail = (field: string, message: Message) => {
      const f = field as IndicatorImportField;
      errors.push({ row: r.row, field, column: header(f), col: at[f], message });
    };
    const before = errors.length;
    const code = text(get('indicator'));
    const def = BY_NAME.get(foldVn(code));
    if (!code) fail('indicator', MSG.unknownIndicator);
    else if (!def) fail('indicator', { vi: `Không có chỉ tiêu "${code}".`, en: `No indicator "${code}".` });
    else if (def.origin !== 'entered') fail('indicator', MSG.computed);
    else if (!def.levels.includes(level)) fail('indicator', MSG.level);
    const monthText = text(get('month'));
    const month = parseMonth(monthText || null);
    if (!month)
      fail('month', {
        vi: monthText ? `"${monthText}" không phải tháng (MM/YYYY).` : 'Thiếu tháng.',
        en: monthText ? `"${monthText}" is not a month (MM/YYYY).` : 'The month is missing.',
      });
    const number = (f: 'value' | 'numerator' | 'denominator') => {
      const n = parseNumber(get(f));
      if (n != null && (!Number.isFinite(n) || n < 0)) {
        fail(f, { vi: `"${text(get(f))}" không phải số không âm.`, en: `"${text(get(f))}" is not a number ≥ 0.` });
        return null;
      }
      return n;
    };
    const subject = text(get('subject'));
    if (subject.length > 200) fail('subject', { vi: 'Tối đa 200 ký tự.', en: 'At most 200 characters.' });
    const note = text(get('note'));
    if (note.length > 1000) fail('note', { vi: 'Tối đa 1000 ký tự.', en: 'At most 1000 characters.' });
    const reason = text(get('reason'));
    if (reason && (reason.length < 3 || reason.length > 500))
      fail('reason', { vi: 'Lý do từ 3 đến 500 ký tự.', en: 'A reason of 3 to 500 characters.' });
    const figure: FigureInput = {
      month: month ?? '',
      subject,
      value: number('value'),
      numerator: number('numerator'),
      denominator: number('denominator'),
      note: note || null,
      reason: reason || null,
    };
    if (def && def.origin === 'entered' && month && errors.length === before)
      for (const p of figureProblems(def, figure)) fail(p.field, p.message);
    if (def && month && errors.length === before) {
      const key = `${def.code}|${month}|${foldVn(subject)}`;
      if (seen.has(key))
        fail('indicator', {
          vi: `Trùng với dòng ${seen.get(key)} (cùng chỉ tiêu, tháng và cơ quan).`,
          en: `Same as row ${seen.get(key)} (same indicator, month and agency).`,
        });
      else seen.set(key, r.row);
    }
    if (def && errors.length === before) rows.push({ row: r.row, def, figure });
  }
  return { rows, errors, columns: at };
}

/** The template: the import's columns, one row per indicator to fill (three for one entered per agency), help. */
export async function buildTemplate(defs: IndicatorDef[], month: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet('Số liệu chỉ tiêu');
  const [y, m] = month.split('-');
  ws.columns = [
    { header: INDICATOR_IMPORT_COLUMNS[0].header, width: 24 },
    { header: 'Tên chỉ tiêu', width: 44 },
    ...INDICATOR_IMPORT_COLUMNS.slice(1).map((c) => ({ header: c.header, width: c.field === 'subject' ? 30 : 16 })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const d of defs) for (let i = 0; i < (d.bySubject ? 3 : 1); i += 1) ws.addRow([d.code, d.name.vi, `${m}/${y}`]);
  ws.getColumn(3).numFmt = '@';
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 24 }, { width: 100 }];
  help.addRows([
    ['Cột', 'Cách điền'],
    ['Mã chỉ tiêu', 'Giữ nguyên mã có sẵn (cột "Tên chỉ tiêu" chỉ để đọc).'],
    ['Tháng', 'Tháng/năm của số liệu, ví dụ 03/2026.'],
    ['Cơ quan, đơn vị', 'Chỉ cho chỉ tiêu theo cơ quan (hồ sơ trực tuyến toàn trình): một dòng cho mỗi cơ quan.'],
    ['Giá trị', 'Cho chỉ tiêu đếm (lượt tải, tài khoản, giao dịch…). Số nguyên, có thể viết 447.369.'],
    ['Tử số, Mẫu số', 'Cho chỉ tiêu tỷ lệ: ví dụ hồ sơ trực tuyến toàn trình / tổng hồ sơ. Tử số ≤ mẫu số.'],
    ['Lý do điều chỉnh', 'Bắt buộc khi tháng đó đã có số liệu khác (số cũ được giữ trong lịch sử).'],
    ...defs.map((d) => [d.code, `${d.name.vi}: ${d.description.vi}`]),
    [
      '',
      `Dòng không có số liệu được bỏ qua. Tối đa ${INDICATOR_IMPORT_MAX_ROWS} dòng; nếu có dòng sai, không dòng nào được ghi.`,
    ],
    ['', 'Dòng trùng với số liệu đã có được bỏ qua: tải lên lại cùng tệp không tạo bản ghi trùng.'],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
