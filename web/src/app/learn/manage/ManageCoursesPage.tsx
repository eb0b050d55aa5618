import '../strings';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { fieldError } from '../../../api/client';
import { useCreateCourse, useManagedCourses } from '../../../api/learning';
import { ChevronRight } from '../../../components/icons';
import { ErrorMessage, Field, PageHeader, QueryState, SelectField } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { AdminPage, useAdminScope } from '../../admin/shared';
import { newId } from '../shared';
import '../learn.css';

function CreateCourse() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const scope = useAdminScope();
  const units = [
    ...(scope.provinceCode ? [{ code: scope.provinceCode, name: scope.provinceName ?? scope.provinceCode }] : []),
    ...scope.communes,
  ];
  const [unit, setUnit] = useState(units[0]?.code ?? '');
  const [title, setTitle] = useState('');
  const create = useCreateCourse();
  const key = useRef(newId());
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { body: { unit: unit || units[0]?.code, title: title.trim() }, clientId: key.current },
      { onSuccess: (c) => navigate(`/learn/manage/${c.id}`) },
    );
  };
  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby="learn-new">
      <h2 id="learn-new">{t('learn.newCourse')}</h2>
      <Field
        label={t('learn.newTitle')}
        value={title}
        required
        maxLength={200}
        error={fieldError(create.error, 'title')}
        onChange={(e) => {
          setTitle(e.target.value);
          key.current = newId();
        }}
      />
      {units.length > 1 && (
        <SelectField
          label={t('learn.owner')}
          value={unit}
          error={fieldError(create.error, 'unit')}
          onChange={(e) => setUnit(e.target.value)}
        >
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </SelectField>
      )}
      <ErrorMessage error={create.error && !fieldError(create.error, 'title') ? create.error : null} />
      <button type="submit" className="btn btn-primary" disabled={create.isPending || !title.trim()}>
        {t('learn.create')}
      </button>
    </form>
  );
}

/** /learn/manage: the courses the administrator may author, drafts included. */
export default function ManageCoursesPage() {
  const { t } = useTranslation();
  const list = useManagedCourses();
  const items = list.data?.items ?? [];
  return (
    <AdminPage>
      <div className="stack">
        <PageHeader title={t('learn.manage')} />
        <p className="lead">{t('learn.manageLead')}</p>
        <CreateCourse />
        <QueryState query={list}>
          {items.length === 0 ? (
            <p>{t('learn.manageNone')}</p>
          ) : (
            <ul className="list">
              {items.map((c) => (
                <li key={c.id}>
                  <Link to={`/learn/manage/${c.id}`} className="list-link">
                    <span className="learn-item">
                      <span className="item-title">{c.title}</span>
                      <span className="learn-tags">
                        <span className={`badge ${c.status === 'published' ? 'badge-ok' : 'badge-muted'}`}>
                          {t(`learn.status.${c.status}`)}
                        </span>
                        {c.publishedVersion !== null && (
                          <span className="badge badge-muted">{t('learn.version', { n: c.publishedVersion })}</span>
                        )}
                        {c.unpublishedChanges && c.status !== 'draft' && (
                          <span className="badge badge-danger">{t('learn.unpublishedChanges')}</span>
                        )}
                      </span>
                      <span className="item-meta">
                        {c.unit.name} · {t('learn.lessons', { count: c.lessonCount })} ·{' '}
                        {t('learn.updated', { date: formatDateTime(c.updatedAt) })}
                      </span>
                    </span>
                    <ChevronRight />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </AdminPage>
  );
}
