import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('app.notFound')} />
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </>
  );
}
