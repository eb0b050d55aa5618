import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import { PageHeader } from '../../components/ui';
import './feedback.css';

const STAFF = ['handling_officer', 'commune_admin', 'province_admin'] as const;

/** Where feedback starts: send one, follow yours, see everyone's on the map, the figures; officers' work. */
export default function FeedbackHome() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = rolesOf(me.data);
  const staff = STAFF.some((r) => roles.has(r));
  const entries = [
    { to: '/feedback/new', title: t('feedback.submit.title'), text: t('feedback.home.submit'), primary: true },
    ...(me.data ? [{ to: '/reports/mine', title: t('feedback.mine.title'), text: t('feedback.home.mine') }] : []),
    ...(staff ? [{ to: '/work', title: t('feedback.officer.title'), text: t('feedback.home.work') }] : []),
    { to: '/public/reports', title: t('feedback.public.title'), text: t('feedback.home.public') },
    { to: '/feedback/stats', title: t('feedback.stats.title'), text: t('feedback.home.stats') },
  ];
  return (
    <div className="narrow">
      <PageHeader title={t('feedback.home.title')} />
      <p className="lead">{t('feedback.home.lead')}</p>
      <ul className="fb-hub">
        {entries.map((e) => (
          <li key={e.to}>
            <Link to={e.to} className={`card fb-hub-link${e.primary ? ' is-primary' : ''}`}>
              <strong>{e.title}</strong>
              <span>{e.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
