import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { DASHBOARD_DOMAIN_LABELS, DASHBOARD_LEVEL_LABELS } from '../../../common/constants/dashboards.js';
import type {
  IndicatorByUnit,
  IndicatorDefinition,
  IndicatorSeries,
  IndicatorValue,
  IndicatorValues,
} from '../../../common/indicators.js';

/**
 * The monthly report (báo cáo tháng) of a unit as an A4 PDF in Vietnamese: the indicator table (this month, the month
 * before, the target, met or not), then one page per charted indicator with its last twelve months and its figure by
 * child unit (commune or hamlet), drawn as vector shapes with pdfkit (no browser, no image). The font is Be Vietnam
 * Pro (SIL OFL 1.1, from its npm package), as for the catalog's guides and the certificates: never a system font.
 */

const require = createRequire(import.meta.url);
const fontPath = (weight: string) =>
  require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
const loadFonts = () => {
  fonts ??= { regular: readFileSync(fontPath('400Regular')), bold: readFileSync(fontPath('700Bold')) };
  return fonts;
};

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const LEFT = PAGE.margin;
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const ROW = 17;
const COLORS = {
  bar: '#2f6f9f',
  previous: '#9ecae1',
  target: '#c2410c',
  grid: '#d0d7de',
  text: '#1f2328',
  muted: '#57606a',
};
/** The table's columns: indicator, this month, the month before, target, met. */
const COLS = [
  { w: 0.44, align: 'left' },
  { w: 0.15, align: 'right' },
  { w: 0.15, align: 'right' },
  { w: 0.13, align: 'right' },
  { w: 0.13, align: 'center' },
] as const;

export interface MonthlyChart {
  definition: IndicatorDefinition;
  /** The last twelve months up to the reported one. */
  series: IndicatorSeries;
  /** The indicator for each child unit in the month; null for a hamlet (no children). */
  byUnit: IndicatorByUnit | null;
}

export interface MonthlyReportData {
  /** YYYY-MM. */
  month: string;
  values: IndicatorValues;
  definitions: IndicatorDefinition[];
  charts: MonthlyChart[];
  /** When it was made (printed at the foot), Vietnam time "dd/mm/yyyy hh:mm". */
  madeAt: string;
}

const monthText = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
const dayText = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
export const formatFigure = (n: number | null | undefined, def?: Pick<IndicatorDefinition, 'percent'>) =>
  n === null || n === undefined ? '—' : `${nf.format(n)}${def?.percent ? ' %' : ''}`;

/** Table rows on the first page (under the title) and on each further one: how many pages a table takes. */
export const TABLE_ROWS = { first: 36, next: 44 };
export function tablePages(rows: number): number {
  return rows <= TABLE_ROWS.first ? 1 : 1 + Math.ceil((rows - TABLE_ROWS.first) / TABLE_ROWS.next);
}

type TableRow =
  | { kind: 'domain'; label: string }
  | { kind: 'value'; def: IndicatorDefinition | undefined; v: IndicatorValue };

/** The table's rows: a heading per domain, then its indicators, in the registry's order. */
export function tableRows(data: Pick<MonthlyReportData, 'values' | 'definitions'>): TableRow[] {
  const defs = new Map(data.definitions.map((d) => [d.code, d]));
  const order = Object.keys(DASHBOARD_DOMAIN_LABELS);
  const byDomain = new Map<string, IndicatorValue[]>();
  for (const v of data.values.values) {
    const domain = defs.get(v.code)?.domain ?? 'external';
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), v]);
  }
  const rows: TableRow[] = [];
  for (const domain of [...byDomain.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
    rows.push({ kind: 'domain', label: DASHBOARD_DOMAIN_LABELS[domain]?.vi ?? domain });
    for (const v of byDomain.get(domain) ?? []) rows.push({ kind: 'value', def: defs.get(v.code), v });
  }
  return rows;
}

/** Renders the report: the PDF and its page count. `compress: false` writes readable streams (tests). */
export async function renderMonthlyPdf(
  data: MonthlyReportData,
  opts: { compress?: boolean } = {},
): Promise<{ pdf: Buffer; pages: number }> {
  const { regular, bold } = loadFonts();
  const unit = data.values.unit;
  const title = `Báo cáo tháng ${monthText(data.month)} — ${unit.name}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    compress: opts.compress ?? true,
    info: { Title: title, Subject: 'Chỉ tiêu chuyển đổi số', Creator: 'Xã Số' },
    lang: 'vi-VN',
  });
  // Everything is placed by hand: text never opens a page by itself.
  doc.page.margins.bottom = 0;
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let pages = 1;
  const newPage = () => {
    doc.addPage();
    doc.page.margins.bottom = 0;
    pages += 1;
  };
  const foot = () => {
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(`Xã Số · ${title} · lập lúc ${data.madeAt} · trang ${pages}`, LEFT, BOTTOM + 12, {
        width: WIDTH,
        align: 'center',
        lineBreak: false,
      });
  };

  // Title block.
  const crumbs = unit.ancestors.map((a) => a.name).join(' › ');
  doc.font('bold').fontSize(17).fillColor(COLORS.text).text(title, LEFT, PAGE.margin, { width: WIDTH });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(COLORS.muted)
    .text(
      `${DASHBOARD_LEVEL_LABELS[unit.level]?.vi ?? ''}${crumbs ? ` · ${crumbs}` : ''} · Kỳ báo cáo: ${dayText(data.values.period.from)} – ${dayText(data.values.period.to)}; so với kỳ trước ${dayText(data.values.previousPeriod.from)} – ${dayText(data.values.previousPeriod.to)}`,
      { width: WIDTH },
    );
  let y = doc.y + 10;

  // The indicator table.
  const header = () => {
    const labels = ['Chỉ tiêu', `Tháng ${monthText(data.month)}`, 'Tháng trước', 'Chỉ tiêu giao', 'Kết quả'];
    doc.rect(LEFT, y, WIDTH, ROW).fill('#eef2f6');
    let x = LEFT;
    labels.forEach((l, i) => {
      const w = COLS[i].w * WIDTH;
      doc
        .font('bold')
        .fontSize(9)
        .fillColor(COLORS.text)
        .text(l, x + 4, y + 4, { width: w - 8, align: COLS[i].align, lineBreak: false });
      x += w;
    });
    y += ROW;
  };
  header();
  const rows = tableRows(data);
  let onPage = 0;
  let capacity = TABLE_ROWS.first;
  for (const r of rows) {
    if (onPage === capacity) {
      foot();
      newPage();
      y = PAGE.margin;
      header();
      onPage = 0;
      capacity = TABLE_ROWS.next;
    }
    if (r.kind === 'domain') {
      doc
        .font('bold')
        .fontSize(9.5)
        .fillColor(COLORS.bar)
        .text(r.label, LEFT + 4, y + 4, { width: WIDTH - 8, lineBreak: false });
    } else {
      const { def, v } = r;
      const cells = [
        `${def?.name.vi ?? v.code}${def ? ` (${def.measure.vi})` : ''}`,
        formatFigure(v.value, def),
        formatFigure(v.previous, def),
        formatFigure(v.target, def),
        v.targetMet === null ? '—' : v.targetMet ? 'Đạt' : 'Chưa đạt',
      ];
      let x = LEFT;
      cells.forEach((c, i) => {
        const w = COLS[i].w * WIDTH;
        const color = i === 4 && v.targetMet !== null ? (v.targetMet ? '#1a7f37' : '#b42318') : COLORS.text;
        doc
          .font(i === 1 ? 'bold' : 'regular')
          .fontSize(8.5)
          .fillColor(color)
          .text(c, x + 4, y + 4, { width: w - 8, align: COLS[i].align, lineBreak: false, ellipsis: true });
        x += w;
      });
    }
    doc
      .moveTo(LEFT, y + ROW)
      .lineTo(LEFT + WIDTH, y + ROW)
      .lineWidth(0.4)
      .strokeColor(COLORS.grid)
      .stroke();
    y += ROW;
    onPage += 1;
  }
  if (rows.length === 0)
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(COLORS.muted)
      .text('Chưa có chỉ tiêu nào có số liệu.', LEFT, y + 6);
  const covered = data.values.values.filter(
    (v) => v.coveredFrom !== data.values.period.from || v.coveredTo !== data.values.period.to,
  );
  if (covered.length > 0 && onPage < capacity)
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(
        `Một số số liệu được tổng hợp theo tháng nên tính cả các ngày ${dayText(covered[0].coveredFrom)} – ${dayText(covered[0].coveredTo)}.`,
        LEFT,
        y + 6,
        { width: WIDTH },
      );
  foot();

  // One page per charted indicator.
  for (const chart of data.charts) {
    newPage();
    const def = chart.definition;
    doc.font('bold').fontSize(14).fillColor(COLORS.text).text(def.name.vi, LEFT, PAGE.margin, { width: WIDTH });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(`${DASHBOARD_DOMAIN_LABELS[def.domain]?.vi ?? def.domain} · ${def.measure.vi} · Nguồn: ${def.source.vi}`, {
        width: WIDTH,
      });
    let top = doc.y + 8;
    doc.font('bold').fontSize(10).fillColor(COLORS.text).text('Mười hai tháng gần nhất', LEFT, top);
    top = doc.y + 4;
    drawSeries(doc, chart.series, def, { x: LEFT, y: top, w: WIDTH, h: 170 });
    top += 190;
    if (chart.byUnit && chart.byUnit.rows.length > 0) {
      const childLevel = unit.level === 'province' ? 'xã, phường' : 'thôn, tổ dân phố';
      doc
        .font('bold')
        .fontSize(10)
        .fillColor(COLORS.text)
        .text(`Theo ${childLevel}, tháng ${monthText(data.month)}`, LEFT, top);
      top = doc.y + 4;
      drawByUnit(doc, chart.byUnit, def, { x: LEFT, y: top, w: WIDTH, h: BOTTOM - top });
    }
    foot();
  }

  doc.end();
  return { pdf: await done, pages };
}

type Box = { x: number; y: number; w: number; h: number };

/** Vertical bars month by month, the value over each bar, the target as a dashed line when there is one. */
function drawSeries(doc: PDFKit.PDFDocument, series: IndicatorSeries, def: IndicatorDefinition, box: Box) {
  const points = series.points;
  const labelH = 14;
  const plotH = box.h - labelH - 12;
  const targets = points.map((p) => p.target).filter((t): t is number => t !== null);
  const max = Math.max(1, ...points.map((p) => p.value ?? 0), ...targets);
  const slot = box.w / Math.max(1, points.length);
  const base = box.y + 12 + plotH;
  doc
    .moveTo(box.x, base)
    .lineTo(box.x + box.w, base)
    .lineWidth(0.6)
    .strokeColor(COLORS.muted)
    .stroke();
  points.forEach((p, i) => {
    const x = box.x + i * slot;
    const h = ((p.value ?? 0) / max) * plotH;
    if (p.value !== null && h > 0) doc.rect(x + slot * 0.18, base - h, slot * 0.64, h).fill(COLORS.bar);
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(COLORS.text)
      .text(formatFigure(p.value, def), x, base - h - 10, { width: slot, align: 'center', lineBreak: false });
    doc
      .fontSize(7)
      .fillColor(COLORS.muted)
      .text(`${p.month.slice(5, 7)}/${p.month.slice(2, 4)}`, x, base + 3, {
        width: slot,
        align: 'center',
        lineBreak: false,
      });
  });
  if (targets.length > 0) {
    const t = targets[targets.length - 1];
    const ty = base - (t / max) * plotH;
    doc
      .moveTo(box.x, ty)
      .lineTo(box.x + box.w, ty)
      .dash(3, { space: 2 })
      .lineWidth(0.8)
      .strokeColor(COLORS.target)
      .stroke();
    doc.undash();
    doc
      .fontSize(7)
      .fillColor(COLORS.target)
      .text(`Chỉ tiêu giao: ${formatFigure(t, def)}`, box.x, ty - 9, {
        width: box.w,
        align: 'right',
        lineBreak: false,
      });
  }
}

/** Horizontal bars by child unit, largest first, in two columns on one scale (92 communes fit a page). */
function drawByUnit(doc: PDFKit.PDFDocument, byUnit: IndicatorByUnit, def: IndicatorDefinition, box: Box) {
  const rows = [...byUnit.rows].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name, 'vi'));
  const columns = rows.length > 24 ? 2 : 1;
  const perColumn = Math.ceil(rows.length / columns);
  const rowH = Math.min(16, box.h / Math.max(1, perColumn));
  const font = Math.max(5, Math.min(8, rowH - 2.5));
  const gap = 12;
  const colW = (box.w - gap * (columns - 1)) / columns;
  const nameW = colW * 0.42;
  const valueW = colW * 0.16;
  const barW = colW - nameW - valueW;
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  rows.forEach((r, i) => {
    const col = Math.floor(i / perColumn);
    const x = box.x + col * (colW + gap);
    const y = box.y + (i % perColumn) * rowH;
    doc
      .font('regular')
      .fontSize(font)
      .fillColor(COLORS.text)
      .text(r.name, x, y + (rowH - font) / 2 - 0.5, { width: nameW - 3, lineBreak: false, ellipsis: true });
    const w = ((r.value ?? 0) / max) * barW;
    if (w > 0)
      doc.rect(x + nameW, y + rowH * 0.15, w, rowH * 0.7).fill(r.targetMet === false ? COLORS.previous : COLORS.bar);
    doc
      .font('regular')
      .fontSize(font)
      .fillColor(COLORS.text)
      .text(formatFigure(r.value, def), x + nameW + barW, y + (rowH - font) / 2 - 0.5, {
        width: valueW,
        align: 'right',
        lineBreak: false,
      });
  });
}
