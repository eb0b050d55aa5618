import './strings';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import { useServiceFaq } from '../../api/support';
import { QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import './support.css';

/** A catalog service's FAQ: questions with their accepted answer, public, naming nobody. */
export function FaqSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const faq = useServiceFaq(slug);
  const canAsk = rolesOf(me.data).has('team_member');
  return (
    <section className="stack" aria-labelledby="catalog-faq">
      <h2 id="catalog-faq">{t('support.faqTitle')}</h2>
      <QueryState query={faq}>
        {faq.data && faq.data.items.length === 0 && <p>{t('support.faqNone')}</p>}
        {faq.data && faq.data.items.length > 0 && (
          <div className="support-faq">
            {faq.data.items.map((f) => (
              <details key={f.questionId} className="card">
                <summary className="item-title">{f.question}</summary>
                <p className="support-body muted">{f.details}</p>
                <p className="support-body">
                  <strong>{t('support.answerLabel')}</strong> {f.answer}
                </p>
                <p className="item-meta">
                  {t(`support.faqBy.${f.answeredBy}`)} · {formatDate(f.acceptedAt)}
                </p>
              </details>
            ))}
          </div>
        )}
      </QueryState>
      {canAsk && (
        <p>
          <Link to={`/support/ask?service=${encodeURIComponent(slug)}`}>{t('support.askAbout')}</Link>
        </p>
      )}
    </section>
  );
}
