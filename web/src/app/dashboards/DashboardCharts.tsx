import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// One module per chart or component (not the 'echarts/charts' barrels, which pull every chart in; see StatsCharts).
import 'echarts/lib/chart/bar';
import 'echarts/lib/chart/line';
import 'echarts/lib/component/gridSimple';
import 'echarts/lib/component/legendPlain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../api/client';
import type { IndicatorByUnit, IndicatorDefinition, IndicatorSeries } from '../../api/dashboards';
import { formatMonth, formatNumber } from '../../i18n';

echarts.use([SVGRenderer]);

const BAR = '#2f6f9f';
const TARGET = '#c2410c';

function Chart({ option, label, height }: { option: echarts.EChartsCoreOption; label: string; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option]);
  // The tables beside the charts carry the same figures for screen readers.
  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}

/**
 * The selected indicator month by month (bars, the target as a line) and by child unit (horizontal bars, largest
 * first). Lazy-loaded with ECharts so no citizen page carries it.
 */
export default function DashboardCharts({
  definition,
  series,
  byUnit,
  childLevelLabel,
}: {
  definition: IndicatorDefinition;
  series: IndicatorSeries | undefined;
  byUnit: IndicatorByUnit | undefined;
  childLevelLabel: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang();
  const name = definition.name[lang];
  const fmt = (n: number) => `${formatNumber(Math.round(n * 10) / 10, i18n.language)}${definition.percent ? ' %' : ''}`;
  const points = series?.points ?? [];
  const hasTarget = points.some((p) => p.target !== null);
  const monthly: echarts.EChartsCoreOption = {
    textStyle: { fontSize: 13 },
    legend: { bottom: 0, textStyle: { fontSize: 13 } },
    grid: { left: 8, right: 12, top: 24, bottom: 44, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => formatMonth(p.month)), axisLabel: { rotate: 45 } },
    yAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: (v: number) => formatNumber(v, i18n.language) } },
    series: [
      {
        name,
        type: 'bar',
        itemStyle: { color: BAR },
        data: points.map((p) => p.value),
        label: {
          show: points.length <= 12,
          position: 'top',
          fontSize: 11,
          formatter: (p: { value: number }) => fmt(p.value),
        },
      },
      ...(hasTarget
        ? [
            {
              name: t('dash.targetCol'),
              type: 'line',
              step: 'middle',
              symbol: 'none',
              lineStyle: { color: TARGET, type: 'dashed', width: 2 },
              itemStyle: { color: TARGET },
              data: points.map((p) => p.target),
            },
          ]
        : []),
    ],
  };
  const rows = [...(byUnit?.rows ?? [])].sort((a, b) => (a.value ?? -1) - (b.value ?? -1));
  const bars: echarts.EChartsCoreOption = {
    textStyle: { fontSize: 12 },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: (v: number) => formatNumber(v, i18n.language) } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        itemStyle: { color: BAR },
        data: rows.map((r) => r.value),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => fmt(p.value ?? 0) },
      },
    ],
  };
  return (
    <div className="stack-lg">
      {points.length > 0 && (
        <section className="card">
          <h3>{t('dash.seriesChart', { name })}</h3>
          <Chart option={monthly} label={t('dash.seriesChart', { name })} height={280} />
        </section>
      )}
      {childLevelLabel && rows.length > 0 && (
        <section className="card">
          <h3>{t('dash.barsChart', { name, level: childLevelLabel })}</h3>
          <Chart
            option={bars}
            label={t('dash.barsChart', { name, level: childLevelLabel })}
            height={Math.max(160, rows.length * 18 + 40)}
          />
        </section>
      )}
    </div>
  );
}
