import type { Executor } from '../../db/client.js';
import { addMonths, vnDate } from '../../platform/calendar.js';
import * as repo from './repo.js';

const TN = '19';

/**
 * The seeds' figures from elsewhere (XASO_DEMO=1), entered for the province as an officer would:
 * - seed 000 (29/8/2025): the C-Thái Nguyên app had 447,369 downloads and 110,319 registered accounts;
 * - seed 001 (an article after the 23/4/2022 pilot plan, before June 2022): about 900,000 of the province's 1.3 million
 *   people use a smartphone — entered for May 2022, the latest month the article can be from;
 * and, marked as illustrative in their note, last month's and the month before's fully-online dossiers of a few
 * agencies and of Xã Định Hoá, some above and some below the province's 55% (the seed gives the target, not these).
 */
export const DEMO_EXTERNAL_FIGURES = [
  { indicator: 'ext.app_downloads', month: '2025-08', value: 447_369, note: 'Sở KH&CN, số liệu đến 29/8/2025' },
  { indicator: 'ext.app_accounts', month: '2025-08', value: 110_319, note: 'Sở KH&CN, số liệu đến 29/8/2025' },
  {
    indicator: 'ext.smartphone_users',
    month: '2022-05',
    numerator: 900_000,
    denominator: 1_300_000,
    note: 'Sở TT&TT: khoảng 900.000 người dùng điện thoại thông minh trong 1,3 triệu dân (2022)',
  },
] as const;

/** Illustrative fully-online dossiers per agency: [agency, this month's numerator, denominator]. */
export const DEMO_DOSSIERS: [string, number, number][] = [
  ['Sở Tư pháp', 612, 980],
  ['Sở Xây dựng', 201, 450],
  ['Sở Nông nghiệp và Môi trường', 388, 640],
  ['Sở Y tế', 96, 210],
  ['Sở Công Thương', 305, 520],
];

export async function seedDemoIndicators(exec: Executor, opts: { enteredBy: string | null; now: Date }) {
  const province = { unitCode: TN, unitPath: TN };
  for (const f of DEMO_EXTERNAL_FIGURES)
    await repo.insertEntry(exec, {
      ...province,
      indicator: f.indicator,
      month: `${f.month}-01`,
      value: 'value' in f ? f.value : null,
      numerator: 'numerator' in f ? f.numerator : null,
      denominator: 'denominator' in f ? f.denominator : null,
      note: f.note,
      enteredBy: opts.enteredBy,
    });
  const lastMonth = addMonths(vnDate(opts.now).slice(0, 7), -1);
  const note = 'Số liệu minh họa (demo)';
  for (const [back, scale] of [
    [0, 1],
    [1, 0.9],
  ] as const) {
    const month = `${addMonths(lastMonth, -back)}-01`;
    for (const [subject, numerator, denominator] of DEMO_DOSSIERS)
      await repo.insertEntry(exec, {
        ...province,
        indicator: 'ext.online_dossiers',
        month,
        subject,
        numerator: Math.round(numerator * scale),
        denominator,
        note,
        enteredBy: opts.enteredBy,
      });
    await repo.insertEntry(exec, {
      indicator: 'ext.online_dossiers',
      unitCode: '05569',
      unitPath: `${TN}/05569`,
      month,
      subject: 'UBND xã Định Hoá',
      numerator: Math.round(57 * scale),
      denominator: 120,
      note,
      enteredBy: opts.enteredBy,
    });
  }
}
