import './strings';
import { LEARNER_CATEGORIES, LEARNER_CATEGORY_LABELS, type LearnerCategory } from '@common/constants/learning';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../api/client';
import type { CourseSummary } from '../../api/learning';
import { usePublicConfig, useUnitChildren } from '../../api/units';
import { SelectField } from '../../components/ui';
import { registerServiceWorker } from '../../offline/register-sw';
import { inLang } from '../catalog/labels';
import { unitName } from '../units/format';
import './learn.css';

export const categoryLabel = (c: string) => LEARNER_CATEGORY_LABELS[c as LearnerCategory]?.[currentLang()] ?? c;

/**
 * The learning pages register the service worker (after load), so a lesson once opened reads offline. Citizen pages
 * elsewhere (home, feedback) never call this and never download the precache.
 */
export function useLearnOffline() {
  useEffect(() => registerServiceWorker(), []);
}

/** Whether the browser says it is offline, kept up to date. */
export function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** "3 bài · 25 phút · Có bài kiểm tra". */
export function CourseFacts({
  course,
}: {
  course: Pick<CourseSummary, 'lessonCount' | 'estimatedMinutes' | 'hasQuiz'>;
}) {
  const { t } = useTranslation();
  return (
    <span className="item-meta">
      {t('learn.lessons', { count: course.lessonCount })}
      {course.estimatedMinutes > 0 && <> · {t('learn.minutes', { count: course.estimatedMinutes })}</>}
      {course.hasQuiz && <> · {t('learn.withQuiz')}</>}
    </span>
  );
}

export function AudienceBadges({ audiences }: { audiences: string[] }) {
  const { t } = useTranslation();
  return (
    <span className="learn-tags">
      {(audiences.length ? audiences : [null]).map((a) => (
        <span key={a ?? 'all'} className="badge badge-muted">
          {a ? categoryLabel(a) : t('learn.everyone')}
        </span>
      ))}
    </span>
  );
}

/** One line for a list: "Dành cho: Đoàn viên thanh niên, Người dân" (every category or none: "Mọi người"). */
export function AudienceLine({ audiences }: { audiences: string[] }) {
  const { t } = useTranslation();
  const all = audiences.length === 0 || LEARNER_CATEGORIES.every((c) => audiences.includes(c));
  const list = all
    ? t('learn.everyone')
    : audiences.map((a) => t(`learn.short.${a}`, { defaultValue: categoryLabel(a) })).join(', ');
  return <span className="item-meta">{t('learn.forWhom', { list })}</span>;
}

export function ServiceBadges({ services }: { services: CourseSummary['services'] }) {
  if (!services.length) return null;
  return (
    <span className="learn-tags">
      {services.map((s) => (
        <span key={s.id} className="badge learn-service">
          {inLang(s.name, s.nameEn)}
        </span>
      ))}
    </span>
  );
}

/** A labelled progress bar: "Đã học 2/3 bài". */
export function ProgressBar({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  const label = t('learn.progress', { done, total });
  return (
    <div className="learn-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={t('learn.progressLabel')} aria-valuetext={label} />
      <span className="item-meta">{label}</span>
    </div>
  );
}

/** Who the learner is: category, commune, hamlet (optional), as the feedback form picks its place. */
export function LearnerFields({
  value,
  onChange,
  errors,
}: {
  value: { category: string; communeCode: string; hamletCode: string };
  onChange: (v: { category: string; communeCode: string; hamletCode: string }) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const config = usePublicConfig();
  const communes = useUnitChildren(config.data?.provinceCode, { limit: 200 });
  const hamlets = useUnitChildren(value.communeCode || undefined, { limit: 200 });
  const communeList = communes.data?.pages.flatMap((p) => p.items) ?? [];
  const hamletList = hamlets.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <SelectField
        label={t('learn.category')}
        value={value.category}
        error={errors.category}
        onChange={(e) => onChange({ ...value, category: e.target.value })}
      >
        <option value="">{t('learn.chooseCategory')}</option>
        {LEARNER_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {categoryLabel(c)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('learn.commune')}
        value={value.communeCode}
        error={errors.commune}
        onChange={(e) => onChange({ ...value, communeCode: e.target.value, hamletCode: '' })}
      >
        <option value="">{t('learn.chooseCommune')}</option>
        {communeList.map((c) => (
          <option key={c.code} value={c.code}>
            {unitName(c, i18n.language)}
          </option>
        ))}
      </SelectField>
      {value.communeCode && hamletList.length > 0 && (
        <SelectField
          label={t('learn.hamlet')}
          optional
          value={value.hamletCode}
          onChange={(e) => onChange({ ...value, hamletCode: e.target.value })}
        >
          <option value="">{t('learn.noHamlet')}</option>
          {hamletList.map((h) => (
            <option key={h.code} value={h.code}>
              {unitName(h, i18n.language)}
            </option>
          ))}
        </SelectField>
      )}
    </>
  );
}

/** A client id for an idempotent write. */
export function newId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
