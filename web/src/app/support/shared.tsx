import './strings';
import type { SupportAuthorRole } from '@common/constants/support';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';

export { NETWORK_ROLES } from '../shell/nav';

/** "Name · Commune · date", and the role the person wrote as. */
export function Byline({
  author,
  at,
}: {
  author: { name: string; role: SupportAuthorRole; communeName: string | null };
  at: string;
}) {
  const { t } = useTranslation();
  const date = formatDate(at);
  return (
    <span className="item-meta">
      {author.communeName
        ? t('support.asked', { name: author.name, place: author.communeName, date })
        : t('support.askedNoPlace', { name: author.name, date })}{' '}
      <span className={`badge ${author.role === 'team_member' ? 'badge-muted' : 'badge-ok'}`}>
        {t(`support.roles.${author.role}`)}
      </span>
    </span>
  );
}
