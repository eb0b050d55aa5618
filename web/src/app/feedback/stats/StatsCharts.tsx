import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// Each of these registers one chart or component. Not 'echarts/charts' / 'echarts/components': echarts marks its
// chart and component modules as having side effects, so those barrels pull every chart in (534 kB instead of
// ~480 kB). No tooltip (+50 kB): the values are printed on the charts and in the tables beside them.
import 'echarts/lib/chart/bar';
import 'echarts/lib/chart/pie';
import 'echarts/lib/component/gridSimple';
import 'echarts/lib/component/legendPlain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsResponse } from '../../../api/feedback';
import { formatNumber } from '../../../i18n';
import { categoryName, STATUS_COLORS, STATUSES, statsStatusLabel } from '../labels';

echarts.use([SVGRenderer]);

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
  // The table next to the chart carries the same figures for screen readers.
  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}

/** Status split (pie) and reports by category (stacked bars), in the status colours. */
export default function StatsCharts({ stats }: { stats: StatsResponse }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => formatNumber(n, i18n.language);
  const pie: echarts.EChartsCoreOption = {
    // The legend carries the numbers: outside labels do not fit a 360 px screen.
    textStyle: { fontSize: 14 },
    legend: {
      bottom: 0,
      orient: 'vertical',
      textStyle: { fontSize: 14 },
      formatter: (name: string) => {
        const s = STATUSES.find((k) => statsStatusLabel(k) === name);
        return s ? `${name}: ${fmt(stats[s])}` : name;
      },
    },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '38%'],
        label: { show: false },
        data: STATUSES.map((s) => ({
          name: statsStatusLabel(s),
          value: stats[s],
          itemStyle: { color: STATUS_COLORS[s] },
        })),
      },
    ],
  };
  const cats = [...stats.byCategory].sort((a, b) => a.received - b.received);
  const bars: echarts.EChartsCoreOption = {
    textStyle: { fontSize: 13 },
    legend: { bottom: 0, textStyle: { fontSize: 14 } },
    grid: { left: 8, right: 16, top: 8, bottom: 72, containLabel: true },
    // Counts: whole-number ticks only (no "0,5 phản ánh" on a small commune).
    xAxis: { type: 'value', splitNumber: 3, minInterval: 1, axisLabel: { formatter: (v: number) => fmt(v) } },
    yAxis: {
      type: 'category',
      data: cats.map((c) => categoryName(c)),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: STATUSES.map((s) => ({
      name: statsStatusLabel(s),
      type: 'bar',
      stack: 'all',
      itemStyle: { color: STATUS_COLORS[s] },
      data: cats.map((c) => c[s]),
      label: {
        show: s === 'cancelled',
        position: 'right',
        formatter: (p: { dataIndex: number }) => fmt(cats[p.dataIndex].received),
      },
    })),
  };
  return (
    <div className="stack-lg">
      <section className="card">
        <h2>{t('feedback.stats.byStatusChart')}</h2>
        <Chart option={pie} label={t('feedback.stats.byStatusChart')} height={380} />
      </section>
      {cats.length > 0 && (
        <section className="card">
          <h2>{t('feedback.stats.byCategoryChart')}</h2>
          <Chart
            option={bars}
            label={t('feedback.stats.byCategoryChart')}
            height={Math.max(220, cats.length * 34 + 60)}
          />
        </section>
      )}
    </div>
  );
}
