import './strings';
import { SUPPORT_LIMITS } from '@common/constants/support';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCatalogServices } from '../../api/catalog';
import { fieldError } from '../../api/client';
import { useAskQuestion } from '../../api/support';
import { ErrorMessage, Field, PageHeader, TextareaField } from '../../components/ui';
import { inLang } from '../catalog/labels';
import { RequireUser } from '../shell/guards';
import './support.css';

/** /support/ask[?service=<slug>]: a team member asks the network. */
export default function AskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const services = useCatalogServices();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const preset = params.get('service');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const presetIds = services.data?.items.filter((s) => s.slug === preset).map((s) => s.id) ?? [];
  const selected = chosen ?? presetIds;
  const ask = useAskQuestion();
  const toggle = (id: string, on: boolean) =>
    setChosen(on ? [...selected, id].slice(0, SUPPORT_LIMITS.services) : selected.filter((x) => x !== id));
  const servicesError = fieldError(ask.error, 'serviceIds');
  return (
    <RequireUser roles={['team_member']}>
      <div className="stack">
        <p>
          <Link to="/support">{t('support.back')}</Link>
        </p>
        <PageHeader title={t('support.ask')} />
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            ask.mutate(
              { title, body, serviceIds: selected },
              { onSuccess: (q) => navigate(`/support/${q.id}`, { replace: true }) },
            );
          }}
        >
          <Field
            label={t('support.questionTitle')}
            hint={t('support.questionTitleHint')}
            value={title}
            maxLength={SUPPORT_LIMITS.title}
            required
            onChange={(e) => setTitle(e.target.value)}
            error={fieldError(ask.error, 'title')}
          />
          <TextareaField
            label={t('support.questionBody')}
            hint={t('support.questionBodyHint')}
            value={body}
            rows={6}
            maxLength={SUPPORT_LIMITS.body}
            required
            onChange={(e) => setBody(e.target.value)}
            error={fieldError(ask.error, 'body')}
          />
          <fieldset className="support-services" aria-describedby="support-services-hint">
            <legend>
              {t('support.services')} <span className="optional">{t('common.optional')}</span>
            </legend>
            <p id="support-services-hint" className="hint">
              {t('support.servicesHint')}
            </p>
            {services.data?.items.map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(s.id)}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                />
                <span>{inLang(s.name, s.nameEn)}</span>
              </label>
            ))}
            {servicesError && (
              <p className="field-error" role="alert">
                {servicesError}
              </p>
            )}
          </fieldset>
          <ErrorMessage error={ask.error} />
          <button type="submit" className="btn btn-primary" disabled={ask.isPending}>
            {ask.isPending ? t('support.sending') : t('support.send')}
          </button>
        </form>
      </div>
    </RequireUser>
  );
}
