import { INDICATOR_DOMAINS, type IndicatorDefinition, type IndicatorValues } from '../../../common/indicators.js';
import type { MonthlyReportData } from './pdf.js';

/**
 * Figures of the real shape for the PDF renderer's tests and benchmark (no database): a province with `communes`
 * communes, `indicators` indicators spread over the domains, twelve months each.
 */
export function monthlyFixture({ communes = 92, indicators = 24, month = '2026-11' } = {}): MonthlyReportData {
  const definitions: IndicatorDefinition[] = Array.from({ length: indicators }, (_, i) => {
    const domain = INDICATOR_DOMAINS[i % INDICATOR_DOMAINS.length];
    const percent = i % 4 === 3;
    return {
      code: `${domain}.chi_tieu_${i}`,
      name: { vi: `Chỉ tiêu số ${i + 1}: người dân được hỗ trợ kỹ năng số`, en: `Indicator ${i + 1}` },
      description: { vi: 'Mô tả', en: 'Description' },
      measure: percent ? { vi: '%', en: '%' } : { vi: 'lượt', en: 'times' },
      origin: domain === 'external' ? 'entered' : 'computed',
      kind: percent ? 'ratio' : 'flow',
      direction: i % 5 === 4 ? 'down' : 'up',
      domain,
      source: { vi: 'Hệ thống Xã Số', en: 'Xã Số' },
      levels: ['province', 'commune', 'hamlet'],
      bySubject: false,
      percent,
    };
  });
  const unit = { code: '19', name: 'Tỉnh Thái Nguyên', level: 'province' as const, ancestors: [] };
  const values: IndicatorValues = {
    unit,
    period: { from: `${month}-01`, to: `${month}-30` },
    previousPeriod: { from: '2026-10-01', to: '2026-10-31' },
    values: definitions.map((d, i) => ({
      code: d.code,
      value: d.percent ? 40 + i : 1000 + i * 37,
      numerator: null,
      denominator: null,
      target: i % 3 === 0 ? (d.percent ? 55 : 1200) : null,
      targetMet: i % 3 === 0 ? i % 2 === 0 : null,
      previous: d.percent ? 38 + i : 950 + i * 30,
      coveredFrom: `${month}-01`,
      coveredTo: `${month}-30`,
    })),
  };
  const fig = (v: number) => ({ value: v, numerator: null, denominator: null, target: null, targetMet: null });
  const charts = definitions
    .filter((_, i) => i < INDICATOR_DOMAINS.length)
    .slice(0, 4)
    .map((definition) => ({
      definition,
      series: {
        code: definition.code,
        unit,
        points: Array.from({ length: 12 }, (_, k) => ({
          month: `${k < 1 ? 2025 : 2026}-${String(((k + 11) % 12) + 1).padStart(2, '0')}`,
          ...fig(100 + k * 9),
        })),
      },
      byUnit: {
        code: definition.code,
        unit,
        period: values.period,
        rows: Array.from({ length: communes }, (_, c) => ({
          code: `0${5500 + c}`,
          name: `Xã Phú Lạc số ${c + 1}`,
          ...fig((c * 37) % 210),
        })),
        total: { ...values.values[0], code: definition.code },
      },
    }));
  return { month, values, definitions, charts, madeAt: '01/12/2026 01:00' };
}
