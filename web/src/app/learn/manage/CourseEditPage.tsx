import '../strings';
import { LEARNER_CATEGORIES, LEARNING_LIMITS } from '@common/constants/learning';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCatalogServices } from '../../../api/catalog';
import { ApiError, fieldError } from '../../../api/client';
import {
  type CourseDraft,
  type CourseManageDetail,
  type DraftLesson,
  type DraftQuestion,
  uploadCourseMedia,
  useArchiveCourse,
  useManagedCourse,
  usePublishCourse,
  useSaveDraft,
} from '../../../api/learning';
import {
  Dialog,
  ErrorMessage,
  Field,
  PageHeader,
  QueryState,
  SelectField,
  TextareaField,
} from '../../../components/ui';
import { AdminPage } from '../../admin/shared';
import { inLang } from '../../catalog/labels';
import { categoryLabel, newId } from '../shared';
import '../learn.css';

type Quiz = NonNullable<CourseDraft['quiz']>;

function move<T>(list: T[], i: number, by: number) {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** Up, down and remove buttons for one item of an ordered list, named after the item. */
function ItemActions({
  item,
  index,
  count,
  onMove,
  onRemove,
}: {
  item: string;
  index: number;
  count: number;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="learn-edit-actions">
      <button
        type="button"
        className="btn"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={t('learn.moveUpLabel', { item })}
      >
        ↑ {t('learn.moveUp')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={t('learn.moveDownLabel', { item })}
      >
        ↓ {t('learn.moveDown')}
      </button>
      <button type="button" className="btn btn-danger" onClick={onRemove} aria-label={t('learn.removeLabel', { item })}>
        {t('learn.remove')}
      </button>
    </div>
  );
}

/** A file button: picks an image or a PDF, uploads it to the course, hands back the media. */
function UploadButton({
  courseId,
  accept,
  label,
  onDone,
}: {
  courseId: string;
  accept: string;
  label: string;
  onDone: (media: { id: string; markdown: string; filename: string; bytes: number }) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const res = await uploadCourseMedia(courseId, file, setProgress);
      const json = res.json as {
        id?: string;
        markdown?: string;
        filename?: string;
        bytes?: number;
        error?: { message?: string };
      };
      if (res.status >= 400 || !json?.id) setError(json?.error?.message ?? t('errors.http', { status: res.status }));
      else
        onDone({
          id: json.id,
          markdown: json.markdown ?? '',
          filename: json.filename ?? file.name,
          bytes: json.bytes ?? file.size,
        });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className="stack">
      <label className="btn">
        {label}
        <input
          ref={input}
          type="file"
          accept={accept}
          className="visually-hidden"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </label>
      {progress !== null && (
        <p role="status" className="item-meta">
          {t('learn.uploading', { percent: Math.round(progress * 100) })}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function LessonEditor({
  courseId,
  lesson,
  index,
  count,
  errorOf,
  onChange,
  onMove,
  onRemove,
}: {
  courseId: string;
  lesson: DraftLesson;
  index: number;
  count: number;
  errorOf: (field: string) => string | undefined;
  onChange: (l: DraftLesson) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const name = t('learn.lessonN', { n: index + 1 });
  const insert = (text: string) => {
    const el = document.getElementById(`lesson-${lesson.id}-md`) as HTMLTextAreaElement | null;
    const at = el?.selectionStart ?? lesson.markdown.length;
    const before = lesson.markdown.slice(0, at);
    const after = lesson.markdown.slice(at);
    const pad = before && !before.endsWith('\n') ? '\n\n' : '';
    onChange({ ...lesson, markdown: `${before}${pad}${text}\n\n${after}` });
  };
  const p = `draft.lessons.${index}`;
  return (
    <section className="learn-edit-block stack" aria-labelledby={`lesson-${lesson.id}-h`}>
      <h3 id={`lesson-${lesson.id}-h`}>
        {name}
        {lesson.title ? `: ${lesson.title}` : ''}
      </h3>
      <Field
        label={t('learn.lessonTitle')}
        value={lesson.title}
        maxLength={LEARNING_LIMITS.lessonTitle}
        error={errorOf(`${p}.title`)}
        onChange={(e) => onChange({ ...lesson, title: e.target.value })}
      />
      <Field
        label={t('learn.lessonMinutes')}
        type="number"
        inputMode="numeric"
        min={0}
        max={600}
        value={String(lesson.minutes)}
        error={errorOf(`${p}.minutes`)}
        onChange={(e) => onChange({ ...lesson, minutes: Math.max(0, Number(e.target.value) || 0) })}
      />
      <TextareaField
        id={`lesson-${lesson.id}-md`}
        className="learn-md"
        label={t('learn.markdown')}
        hint={t('learn.markdownHint')}
        value={lesson.markdown}
        maxLength={LEARNING_LIMITS.lessonBody}
        error={errorOf(`${p}.markdown`)}
        onChange={(e) => onChange({ ...lesson, markdown: e.target.value })}
      />
      <div className="row">
        <UploadButton
          courseId={courseId}
          accept="image/jpeg,image/png,image/webp"
          label={t('learn.insertImage')}
          onDone={(m) => insert(m.markdown)}
        />
        <UploadButton
          courseId={courseId}
          accept="application/pdf"
          label={t('learn.attachPdf')}
          onDone={(m) =>
            onChange({
              ...lesson,
              attachments: [
                ...lesson.attachments,
                { title: m.filename.replace(/\.pdf$/i, ''), mediaId: m.id, bytes: m.bytes },
              ],
            })
          }
        />
      </div>
      {lesson.attachments.length > 0 && (
        <fieldset className="stack">
          <legend>{t('learn.attachments')}</legend>
          {lesson.attachments.map((a, i) => (
            <div key={a.mediaId} className="learn-option-row">
              <Field
                label={t('learn.attachmentTitle')}
                value={a.title}
                error={errorOf(`${p}.attachments.${i}.title`)}
                onChange={(e) =>
                  onChange({
                    ...lesson,
                    attachments: lesson.attachments.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)),
                  })
                }
              />
              <button
                type="button"
                className="btn btn-danger"
                aria-label={t('learn.removeLabel', { item: a.title })}
                onClick={() => onChange({ ...lesson, attachments: lesson.attachments.filter((_, j) => j !== i) })}
              >
                {t('learn.remove')}
              </button>
            </div>
          ))}
        </fieldset>
      )}
      <fieldset className="stack">
        <legend>{t('learn.videoLinks')}</legend>
        {lesson.videoLinks.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: links have no id; the list is edited in place
          <div key={i} className="stack">
            <Field
              label={t('learn.videoTitle')}
              value={v.title}
              error={errorOf(`${p}.videoLinks.${i}.title`)}
              onChange={(e) =>
                onChange({
                  ...lesson,
                  videoLinks: lesson.videoLinks.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)),
                })
              }
            />
            <div className="learn-option-row">
              <Field
                label={t('learn.videoUrl')}
                type="url"
                value={v.url}
                error={errorOf(`${p}.videoLinks.${i}.url`)}
                onChange={(e) =>
                  onChange({
                    ...lesson,
                    videoLinks: lesson.videoLinks.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)),
                  })
                }
              />
              <button
                type="button"
                className="btn btn-danger"
                aria-label={t('learn.removeLabel', { item: v.title || v.url || t('learn.videoLinks') })}
                onClick={() => onChange({ ...lesson, videoLinks: lesson.videoLinks.filter((_, j) => j !== i) })}
              >
                {t('learn.remove')}
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() => onChange({ ...lesson, videoLinks: [...lesson.videoLinks, { title: '', url: '' }] })}
        >
          + {t('learn.addVideo')}
        </button>
      </fieldset>
      <ItemActions item={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />
    </section>
  );
}

function QuestionEditor({
  question,
  index,
  count,
  errorOf,
  onChange,
  onMove,
  onRemove,
}: {
  question: DraftQuestion;
  index: number;
  count: number;
  errorOf: (field: string) => string | undefined;
  onChange: (q: DraftQuestion) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const name = t('learn.question', { n: index + 1 });
  const p = `draft.quiz.questions.${index}`;
  const correct = new Set(question.correctOptionIds ?? []);
  const setCorrect = (optionId: string, on: boolean) => {
    const next =
      question.kind === 'single'
        ? on
          ? [optionId]
          : []
        : on
          ? [...new Set([...correct, optionId])]
          : [...correct].filter((x) => x !== optionId);
    onChange({ ...question, correctOptionIds: next });
  };
  return (
    <section className="learn-edit-block stack" aria-labelledby={`q-${question.id}-h`}>
      <h4 id={`q-${question.id}-h`}>{name}</h4>
      <TextareaField
        label={t('learn.questionText')}
        value={question.text}
        rows={2}
        maxLength={LEARNING_LIMITS.questionText}
        error={errorOf(`${p}.text`)}
        onChange={(e) => onChange({ ...question, text: e.target.value })}
      />
      <SelectField
        label={t('learn.kind')}
        value={question.kind}
        onChange={(e) => {
          const kind = e.target.value as DraftQuestion['kind'];
          onChange({
            ...question,
            kind,
            correctOptionIds:
              kind === 'single' ? (question.correctOptionIds ?? []).slice(0, 1) : question.correctOptionIds,
          });
        }}
      >
        <option value="single">{t('learn.kinds.single')}</option>
        <option value="multiple">{t('learn.kinds.multiple')}</option>
      </SelectField>
      <fieldset className="stack">
        <legend>{t('learn.options')}</legend>
        {question.options.map((o, i) => (
          <div key={o.id} className="learn-option-row">
            <label className="check">
              <input
                type="checkbox"
                checked={correct.has(o.id)}
                onChange={(e) => setCorrect(o.id, e.target.checked)}
                aria-label={t('learn.correctN', { n: i + 1 })}
              />
            </label>
            <Field
              label={t('learn.optionN', { n: i + 1 })}
              value={o.text}
              maxLength={LEARNING_LIMITS.optionText}
              error={errorOf(`${p}.options.${i}.text`)}
              onChange={(e) =>
                onChange({
                  ...question,
                  options: question.options.map((x) => (x.id === o.id ? { ...x, text: e.target.value } : x)),
                })
              }
            />
            <button
              type="button"
              className="btn btn-danger"
              disabled={question.options.length <= 2}
              aria-label={t('learn.removeLabel', { item: t('learn.optionN', { n: i + 1 }) })}
              onClick={() =>
                onChange({
                  ...question,
                  options: question.options.filter((x) => x.id !== o.id),
                  correctOptionIds: (question.correctOptionIds ?? []).filter((x) => x !== o.id),
                })
              }
            >
              ✕
            </button>
          </div>
        ))}
        {errorOf(`${p}.correctOptionIds`) && (
          <p className="field-error" role="alert">
            {errorOf(`${p}.correctOptionIds`)}
          </p>
        )}
        {question.options.length < LEARNING_LIMITS.options && (
          <button
            type="button"
            className="btn"
            onClick={() => onChange({ ...question, options: [...question.options, { id: newId(), text: '' }] })}
          >
            + {t('learn.addOption')}
          </button>
        )}
      </fieldset>
      <TextareaField
        label={t('learn.explanationField')}
        optional
        rows={2}
        value={question.explanation ?? ''}
        onChange={(e) => onChange({ ...question, explanation: e.target.value })}
      />
      <ItemActions item={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />
    </section>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const newLesson = (): DraftLesson => ({
  id: newId(),
  title: '',
  markdown: '',
  minutes: 5,
  videoLinks: [],
  attachments: [],
});
const newQuestion = (): DraftQuestion => ({
  id: newId(),
  kind: 'single',
  text: '',
  options: [
    { id: newId(), text: '' },
    { id: newId(), text: '' },
  ],
  correctOptionIds: [],
  explanation: '',
});

function Editor({ course }: { course: CourseManageDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CourseDraft>(course.draft);
  const [revision, setRevision] = useState(course.draftRevision);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const save = useSaveDraft(course.id);
  const publish = usePublishCourse(course.id);
  const archive = useArchiveCourse(course.id);
  const services = useCatalogServices();
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const publishStale = publish.error instanceof ApiError && publish.error.status === 409;

  // A reload (after "someone else saved") brings the server's copy in.
  useEffect(() => {
    setDraft(course.draft);
    setRevision(course.draftRevision);
    setDirty(false);
  }, [course.draft, course.draftRevision]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (next: Partial<CourseDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
    setMessage(null);
  };
  const setLesson = (i: number, l: DraftLesson) => change({ lessons: draft.lessons.map((x, j) => (j === i ? l : x)) });
  const quiz = draft.quiz;
  const setQuiz = (q: Partial<Quiz> | null) => change({ quiz: q === null ? null : { ...(quiz as Quiz), ...q } });
  const setQuestion = (i: number, q: DraftQuestion) =>
    setQuiz({ questions: (quiz?.questions ?? []).map((x, j) => (j === i ? q : x)) });
  const errorSource = save.error ?? publish.error;
  const errorOf = (f: string) => fieldError(errorSource, f) ?? fieldError(errorSource, f.replace(/^draft\./, ''));
  const audiences = new Set(draft.audiences ?? []);
  const serviceIds = new Set(draft.serviceIds ?? []);

  const onSave = (then?: () => void) =>
    save.mutate(
      { draftRevision: revision, draft },
      {
        onSuccess: (c) => {
          setRevision(c.draftRevision);
          setDirty(false);
          setMessage(t('learn.saved'));
          then?.();
        },
      },
    );
  const [confirm, setConfirm] = useState<'publish' | 'archive' | null>(null);
  const onConfirm = () => {
    if (confirm === 'publish')
      publish.mutate(undefined, {
        onSuccess: (c) => setMessage(t('learn.published', { n: c.publishedVersion ?? 1 })),
        onSettled: () => setConfirm(null),
      });
    if (confirm === 'archive')
      archive.mutate(undefined, {
        onSuccess: () => setMessage(t('learn.archived')),
        onSettled: () => setConfirm(null),
      });
  };

  return (
    <div className="stack">
      <p>
        <Link to="/learn/manage">← {t('learn.manage')}</Link>
      </p>
      <PageHeader title={t('learn.editTitle', { title: draft.title || course.title })} />
      <p className="learn-tags">
        <span className={`badge ${course.status === 'published' ? 'badge-ok' : 'badge-muted'}`}>
          {t(`learn.status.${course.status}`)}
        </span>
        {course.publishedVersion !== null && (
          <span className="badge badge-muted">{t('learn.version', { n: course.publishedVersion })}</span>
        )}
        {course.unpublishedChanges && course.status !== 'draft' && (
          <span className="badge badge-danger">{t('learn.unpublishedChanges')}</span>
        )}
        <span className="badge badge-muted">{course.unit.name}</span>
      </p>

      <Section id="learn-general" title={t('learn.general')}>
        <Field
          label={t('learn.newTitle')}
          value={draft.title}
          maxLength={LEARNING_LIMITS.courseTitle}
          error={errorOf('draft.title')}
          onChange={(e) => change({ title: e.target.value })}
        />
        <TextareaField
          label={t('learn.description')}
          rows={4}
          value={draft.description ?? ''}
          maxLength={LEARNING_LIMITS.courseDescription}
          error={errorOf('draft.description')}
          onChange={(e) => change({ description: e.target.value })}
        />
        <Field
          label={t('learn.estimatedMinutes')}
          type="number"
          inputMode="numeric"
          min={0}
          value={String(draft.estimatedMinutes ?? 0)}
          error={errorOf('draft.estimatedMinutes')}
          onChange={(e) => change({ estimatedMinutes: Math.max(0, Number(e.target.value) || 0) })}
        />
        <fieldset className="learn-checks">
          <legend>{t('learn.audiences')}</legend>
          <p className="hint">{t('learn.audiencesHint')}</p>
          {LEARNER_CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={audiences.has(c)}
                onChange={(e) =>
                  change({
                    audiences: e.target.checked ? [...audiences, c] : (draft.audiences ?? []).filter((x) => x !== c),
                  })
                }
              />
              <span>{categoryLabel(c)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="learn-checks">
          <legend>{t('learn.services')}</legend>
          <p className="hint">{t('learn.servicesHint')}</p>
          {services.data?.items.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={serviceIds.has(s.id)}
                onChange={(e) =>
                  change({
                    serviceIds: e.target.checked
                      ? [...serviceIds, s.id]
                      : (draft.serviceIds ?? []).filter((x) => x !== s.id),
                  })
                }
              />
              <span>{inLang(s.name, s.nameEn)}</span>
            </label>
          ))}
        </fieldset>
      </Section>

      <Section id="learn-lessons" title={t('learn.lessonsTitle')}>
        {(draft.lessons ?? []).map((l, i) => (
          <LessonEditor
            key={l.id}
            courseId={course.id}
            lesson={l}
            index={i}
            count={draft.lessons?.length ?? 0}
            errorOf={errorOf}
            onChange={(x) => setLesson(i, x)}
            onMove={(by) => change({ lessons: move(draft.lessons ?? [], i, by) })}
            onRemove={() => change({ lessons: (draft.lessons ?? []).filter((_, j) => j !== i) })}
          />
        ))}
        {(draft.lessons?.length ?? 0) < LEARNING_LIMITS.lessons && (
          <button
            type="button"
            className="btn"
            onClick={() => change({ lessons: [...(draft.lessons ?? []), newLesson()] })}
          >
            + {t('learn.addLesson')}
          </button>
        )}
      </Section>

      <Section id="learn-quiz" title={t('learn.quizSection')}>
        {!quiz ? (
          <button
            type="button"
            className="btn"
            onClick={() => change({ quiz: { passPercent: 70, maxAttempts: 3, questions: [newQuestion()] } })}
          >
            + {t('learn.addQuiz')}
          </button>
        ) : (
          <>
            <div className="grid-2">
              <Field
                label={t('learn.passPercent')}
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                value={String(quiz.passPercent)}
                error={errorOf('draft.quiz.passPercent')}
                onChange={(e) => setQuiz({ passPercent: Math.min(100, Math.max(1, Number(e.target.value) || 1)) })}
              />
              <Field
                label={t('learn.maxAttempts')}
                hint={t('learn.maxAttemptsHint')}
                type="number"
                inputMode="numeric"
                min={1}
                max={20}
                value={quiz.maxAttempts === null ? '' : String(quiz.maxAttempts)}
                error={errorOf('draft.quiz.maxAttempts')}
                onChange={(e) =>
                  setQuiz({
                    maxAttempts: e.target.value === '' ? null : Math.min(20, Math.max(1, Number(e.target.value) || 1)),
                  })
                }
              />
            </div>
            {quiz.questions.map((q, i) => (
              <QuestionEditor
                key={q.id}
                question={q}
                index={i}
                count={quiz.questions.length}
                errorOf={errorOf}
                onChange={(x) => setQuestion(i, x)}
                onMove={(by) => setQuiz({ questions: move(quiz.questions, i, by) })}
                onRemove={() => setQuiz({ questions: quiz.questions.filter((_, j) => j !== i) })}
              />
            ))}
            <div className="row">
              {quiz.questions.length < LEARNING_LIMITS.questions && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => setQuiz({ questions: [...quiz.questions, newQuestion()] })}
                >
                  + {t('learn.addQuestion')}
                </button>
              )}
              <button type="button" className="btn btn-danger" onClick={() => change({ quiz: null })}>
                {t('learn.removeQuiz')}
              </button>
            </div>
          </>
        )}
      </Section>

      {(stale || publishStale) && (
        <div className="alert alert-error stack" role="alert">
          <p>{t('learn.stale')}</p>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            {t('learn.reload')}
          </button>
        </div>
      )}
      {!stale && !publishStale && <ErrorMessage error={save.error ?? publish.error ?? archive.error} />}

      <div className="learn-savebar">
        <button type="button" className="btn btn-primary" onClick={() => onSave()} disabled={save.isPending || !dirty}>
          {save.isPending ? t('learn.saving') : t('learn.save')}
        </button>
        <Link
          to={`/learn/manage/${course.id}/preview`}
          className="btn"
          onClick={(e) => {
            // The preview reads the saved draft: unsaved changes are saved first, never lost.
            if (!dirty) return;
            e.preventDefault();
            onSave(() => navigate(`/learn/manage/${course.id}/preview`));
          }}
        >
          {t('learn.preview')}
        </Link>
        <button
          type="button"
          className="btn"
          onClick={() => setConfirm('publish')}
          disabled={dirty || publish.isPending}
          aria-describedby={dirty ? 'learn-save-first' : undefined}
        >
          {publish.isPending ? t('learn.publishing') : t('learn.publish')}
        </button>
        {course.status === 'published' && (
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => setConfirm('archive')}
            disabled={archive.isPending}
          >
            {t('learn.archive')}
          </button>
        )}
        <span role="status" className="item-meta" id="learn-save-first">
          {dirty ? `${t('learn.unsaved')} ${t('learn.saveFirst')}` : (message ?? '')}
        </span>
      </div>
      {course.status === 'published' && (
        <p>
          <Link to={`/learn/${course.id}`}>{t('learn.viewPublished')}</Link>
        </p>
      )}
      <Dialog
        open={confirm !== null}
        title={confirm === 'archive' ? t('learn.archive') : t('learn.publish')}
        onClose={() => setConfirm(null)}
      >
        <div className="stack">
          <p>{confirm === 'archive' ? t('learn.archiveConfirm') : t('learn.publishConfirm')}</p>
          <div className="form-actions">
            <button
              type="button"
              className={`btn ${confirm === 'archive' ? 'btn-danger' : 'btn-primary'}`}
              onClick={onConfirm}
              disabled={publish.isPending || archive.isPending}
            >
              {confirm === 'archive'
                ? t('learn.archive')
                : publish.isPending
                  ? t('learn.publishing')
                  : t('learn.publish')}
            </button>
            <button type="button" className="btn" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}

/** /learn/manage/:id: the draft's editor (province and commune administrators). */
export default function CourseEditPage() {
  const { id } = useParams();
  const course = useManagedCourse(id);
  return (
    <AdminPage>
      <QueryState query={course}>{course.data && <Editor course={course.data} />}</QueryState>
    </AdminPage>
  );
}
