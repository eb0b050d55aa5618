import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../../../common/teams';
import { CommuneChoropleth } from '../../components/CommuneChoropleth';
import { formatNumber } from '../../i18n';

/** Fixed classes of the share of hamlets with a team, so 100% always reads the same (darkest). */
const LIMITS = [25, 50, 75, 99.99, 100];

/** The province's communes coloured by the share of their hamlets that have a team, on the real boundaries. */
export default function CoverageMap({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const values = useMemo(
    () => new Map(coverage.rows.map((r) => [r.code, r.hamlets ? (100 * r.hamletsWithTeam) / r.hamlets : 0])),
    [coverage],
  );
  const format = useCallback((n: number) => `${formatNumber(Math.floor(n))}%`, []);
  return (
    <section className="stack" aria-labelledby="coverage-map-title">
      <h2 id="coverage-map-title">{t('teams.coverageMap')}</h2>
      <CommuneChoropleth
        values={values}
        limits={LIMITS}
        format={format}
        valueLabel={t('teams.coverageShare')}
        label={t('teams.coverageMap')}
      />
    </section>
  );
}
