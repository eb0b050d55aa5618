import './strings';
import './news.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  isAlertKind,
  NEWS_HAZARDS,
  NEWS_KINDS,
  NEWS_STATE_LABELS,
  type NewsHazard,
  type NewsKind,
} from '../../../../common/constants/news';
import { useMe } from '../../api/auth';
import { ApiError, fieldError, uploadFile } from '../../api/client';
import { type NewsManageItem, previewPost, useManagedNews, useSavePost, useWithdrawPost } from '../../api/news';
import { useUnitChildren } from '../../api/units';
import { ErrorMessage, Field, Notice, PageHeader, QueryState, SelectField, TextareaField } from '../../components/ui';
import { formatDateTime } from '../../i18n';
import { KindBadge, useNewsLabels } from './shared';

const ADMIN_ROLES = ['commune_admin', 'province_admin'];

/** "2026-12-07T09:30" in the device's time from an ISO instant (a datetime-local input's value). */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The form of a new post or an edit: Markdown in a textarea with a server-rendered preview, image upload, schedule. */
function Editor({ item, onDone }: { item: NewsManageItem | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const labels = useNewsLabels();
  const me = useMe();
  const admin = me.data?.assignments.filter((a) => ADMIN_ROLES.includes(a.role) && a.unitCode) ?? [];
  const province = admin.find((a) => a.role === 'province_admin');
  const communes = useUnitChildren(province?.unitCode ?? undefined, { limit: 100 });
  const [unit, setUnit] = useState(item?.unit.code ?? admin[0]?.unitCode ?? '');
  const [kind, setKind] = useState<NewsKind>(item?.kind ?? 'announcement');
  const [hazard, setHazard] = useState<NewsHazard | ''>(item?.hazard ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [body, setBody] = useState(item?.body ?? '');
  const [pinned, setPinned] = useState(item?.pinned ?? false);
  const [publishAt, setPublishAt] = useState(item && item.state === 'scheduled' ? toLocalInput(item.publishAt) : '');
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [upload, setUpload] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const save = useSavePost(item?.id);
  const alert = isAlertKind(kind);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = {
      kind,
      hazard: alert && hazard ? hazard : null,
      title,
      body,
      pinned,
      publishAt: publishAt
        ? new Date(publishAt).toISOString()
        : item && item.state !== 'scheduled'
          ? item.publishAt
          : null,
    };
    save.mutate(item ? common : { ...common, unit }, { onSuccess: onDone });
  };
  const showPreview = async () => {
    setPreviewError(null);
    try {
      setPreview((await previewPost(unit, body)).html);
    } catch (err) {
      setPreviewError(err);
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ busy: true, error: null });
    try {
      const res = await uploadFile('/api/news/manage/images', file, { query: { unit } });
      const json = res.json as { markdown?: string; error?: { message: string; fields?: Record<string, string> } };
      if (res.status === 201 && json.markdown) {
        setBody((b) => `${b.trimEnd()}${b.trim() ? '\n\n' : ''}${json.markdown}\n`);
        setUpload({ busy: false, error: null });
      } else setUpload({ busy: false, error: json.error?.fields?.file ?? json.error?.message ?? '' });
    } catch (err) {
      setUpload({ busy: false, error: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const err = save.error;
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const communeOptions = communes.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <form className="card stack news-editor" onSubmit={submit} noValidate>
      <h2>{item ? t('news.editPost') : t('news.newPost')}</h2>
      {!item && (
        <SelectField
          label={t('news.postUnit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          error={fieldError(err, 'unit')}
        >
          {admin.map((a) => (
            <option key={a.unitCode} value={a.unitCode!}>
              {a.unitName ?? a.unitCode}
            </option>
          ))}
          {communeOptions
            .filter((c) => !admin.some((a) => a.unitCode === c.code))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {c.fullName}
              </option>
            ))}
        </SelectField>
      )}
      <SelectField
        label={t('news.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as NewsKind)}
        error={fieldError(err, 'kind')}
      >
        {NEWS_KINDS.map((k) => (
          <option key={k} value={k}>
            {labels.kind(k)}
          </option>
        ))}
      </SelectField>
      {alert && (
        <>
          <Notice tone="warning">{t('news.alertNote')}</Notice>
          <SelectField
            label={t('news.hazard')}
            value={hazard}
            onChange={(e) => setHazard(e.target.value as NewsHazard)}
            error={fieldError(err, 'hazard')}
          >
            <option value="">{t('news.chooseHazard')}</option>
            {NEWS_HAZARDS.map((h) => (
              <option key={h} value={h}>
                {labels.hazard(h)}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <Field
        label={t('news.postTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fieldError(err, 'title')}
        maxLength={200}
      />
      <TextareaField
        label={t('news.body')}
        hint={t('news.bodyHint')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fieldError(err, 'body')}
      />
      <Field
        type="file"
        accept="image/*"
        label={t('news.image')}
        hint={upload.busy ? t('news.uploading') : t('news.imageHint')}
        error={upload.error ?? undefined}
        disabled={upload.busy || !unit}
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      <div className="row">
        <button type="button" className="btn" onClick={() => (preview === null ? showPreview() : setPreview(null))}>
          {preview === null ? t('news.preview') : t('news.hidePreview')}
        </button>
      </div>
      {previewError ? <ErrorMessage error={previewError} /> : null}
      {preview !== null && (
        <section className="news-preview" aria-label={t('news.preview')} lang={lang === 'en' ? 'vi' : undefined}>
          <h3>{title}</h3>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered safe by the server (markdown-it, html: false) */}
          <div className="news-post" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> {t('news.pin')}
      </label>
      <Field
        type="datetime-local"
        label={t('news.schedule')}
        hint={t('news.scheduleHint')}
        optional
        value={publishAt}
        onChange={(e) => setPublishAt(e.target.value)}
        error={fieldError(err, 'publishAt')}
      />
      {err && !Object.keys((err as ApiError).fields ?? {}).length ? <ErrorMessage error={err} /> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {item ? t('news.save') : t('news.publish')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('news.cancel')}
        </button>
      </div>
    </form>
  );
}

function WithdrawForm({ item }: { item: NewsManageItem }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const withdraw = useWithdrawPost();
  return (
    <form
      className="stack-sm"
      onSubmit={(e) => {
        e.preventDefault();
        withdraw.mutate({ id: item.id, reason });
      }}
    >
      <Field
        label={t('news.withdrawReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldError(withdraw.error, 'reason')}
      />
      <button type="submit" className="btn" disabled={withdraw.isPending}>
        {t('news.withdrawConfirm')}
      </button>
    </form>
  );
}

/** /news/manage: an administrator's posts (scheduled and withdrawn included) and the editor. */
export default function ManagePage() {
  const { t, i18n } = useTranslation();
  const list = useManagedNews();
  const [editing, setEditing] = useState<NewsManageItem | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <div className="stack">
      <Link to="/news">{t('news.back')}</Link>
      <PageHeader title={t('news.manageTitle')}>
        {editing === null && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('news.newPost')}
          </button>
        )}
      </PageHeader>
      {editing !== null && (
        <Editor
          key={editing === 'new' ? 'new' : editing.id}
          item={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <QueryState query={list}>
        {list.data?.items.length === 0 ? (
          <p role="status">{t('news.noManaged')}</p>
        ) : (
          <ul className="news-list">
            {list.data?.items.map((p) => (
              <li key={p.id} className={`news-item${p.isAlert ? ' is-alert' : ''}`}>
                <div className="news-item-badges">
                  <KindBadge post={p} />
                  <span className={`badge ${p.state === 'withdrawn' ? 'badge-danger' : 'badge-muted'}`}>
                    {NEWS_STATE_LABELS[p.state][lang]}
                  </span>
                  {p.pinned && <span className="badge badge-muted">{t('news.pinned')}</span>}
                </div>
                <h2 className="news-item-title">{p.title}</h2>
                <p className="item-meta">
                  {p.unit.name} · <time dateTime={p.publishAt}>{formatDateTime(p.publishAt)}</time>
                  {p.notified !== null && <> · {t('news.notified', { count: p.notified })}</>}
                </p>
                {p.state !== 'withdrawn' && (
                  <div className="news-manage-row">
                    <Link to={`/news/${p.id}`} className="btn">
                      {t('news.view')}
                    </Link>
                    <button type="button" className="btn" onClick={() => setEditing(p)}>
                      {t('news.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => setWithdrawing(withdrawing === p.id ? null : p.id)}
                    >
                      {t('news.withdraw')}
                    </button>
                  </div>
                )}
                {withdrawing === p.id && p.state !== 'withdrawn' && <WithdrawForm item={p} />}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
