import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import { MapIcon, UnitsIcon, UserIcon } from '../../components/icons';
import { usePageTitle } from '../../components/ui';
import { adminEntriesFor } from '../shell/nav';

export default function Home() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle('');
  const admin = adminEntriesFor(rolesOf(me.data));
  return (
    <div className="home stack-lg">
      <section className="hero">
        <p className="eyebrow">{t('app.tagline')}</p>
        <h1 tabIndex={-1} className="page-title">
          {me.data ? t('home.hello', { name: me.data.user.fullName }) : t('home.title')}
        </h1>
        <p className="lead">{t('home.lead')}</p>
        <div className="cta-row">
          <Link to="/map" className="btn btn-primary btn-lg">
            <MapIcon />
            <span>{t('home.mapCta')}</span>
          </Link>
          {me.data ? (
            <Link to={admin.length ? '/admin' : '/account'} className="btn btn-lg">
              {admin.length ? <UnitsIcon /> : <UserIcon />}
              <span>{admin.length ? t('home.adminCta') : t('home.accountCta')}</span>
            </Link>
          ) : (
            <Link to="/sign-in" className="btn btn-lg">
              <UserIcon />
              <span>{t('home.signInCta')}</span>
            </Link>
          )}
        </div>
      </section>
      <section aria-labelledby="home-what" className="card">
        <h2 id="home-what">{t('home.what')}</h2>
        <ul className="checklist">
          <li>{t('home.point1')}</li>
          <li>{t('home.point2')}</li>
          <li>{t('home.point3')}</li>
        </ul>
        <p className="muted">{t('home.figures')}</p>
      </section>
    </div>
  );
}
