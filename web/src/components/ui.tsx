import { type ComponentProps, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { CloseIcon } from './icons';

interface ShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  id?: string;
  className?: string;
}

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** Label, hint and error around one control; the control is described by its hint and error. */
export function FieldShell({
  label,
  hint,
  error,
  optional,
  id,
  className,
  children,
}: ShellProps & { children: (p: ControlProps) => ReactNode }) {
  const { t } = useTranslation();
  const auto = useId();
  const controlId = id ?? auto;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={controlId}>
        {label}
        {optional && <span className="optional"> {t('common.optional')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children({ id: controlId, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type FieldProps = ShellProps & Omit<ComponentProps<'input'>, 'id'>;

export function Field({ label, hint, error, optional, id, className, ...input }: FieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} optional={optional} id={id} className={className}>
      {(p) => <input {...p} {...input} />}
    </FieldShell>
  );
}

type SelectProps = ShellProps & Omit<ComponentProps<'select'>, 'id'>;

export function SelectField({ label, hint, error, optional, id, className, children, ...select }: SelectProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} optional={optional} id={id} className={className}>
      {(p) => (
        <select {...p} {...select}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

type TextareaProps = ShellProps & Omit<ComponentProps<'textarea'>, 'id'>;

export function TextareaField({ label, hint, error, optional, id, className, ...area }: TextareaProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} optional={optional} id={id} className={className}>
      {(p) => <textarea {...p} {...area} />}
    </FieldShell>
  );
}

/** The server's message for a failed request (field messages are shown next to their fields). */
export function ErrorMessage({ error, className }: { error: unknown; className?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : t('errors.unexpected');
  return (
    <div className={`alert alert-error${className ? ` ${className}` : ''}`} role="alert">
      {message}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}

/** Loading / error-with-retry for a query; renders children when data is there. */
export function QueryState({
  query,
  children,
  fallback,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  children: ReactNode;
  /** Shown while loading instead of the spinner: a placeholder of the content's size keeps the page from jumping. */
  fallback?: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error) {
    return (
      <div className="stack">
        <ErrorMessage error={query.error} />
        <button type="button" className="btn" onClick={() => query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (query.isPending) return fallback ?? <Loading />;
  return <>{children}</>;
}

/** A modal dialog on the native <dialog>: focus stays inside, Escape closes, focus returns to the opener. */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      {open && (
        <>
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
              <CloseIcon />
            </button>
          </div>
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}

/** Copies text; falls back to selecting it where the clipboard API is unavailable (plain http). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2500);
  };
  return (
    <span className="copy">
      <button type="button" className="btn" onClick={copy}>
        {label ?? t('common.copy')}
      </button>
      <span role="status" className="copy-status">
        {copied ? t('common.copied') : ''}
      </span>
    </span>
  );
}

export function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="btn load-more"
      onClick={() => query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? t('app.loading') : t('common.loadMore')}
    </button>
  );
}

/** Sets the document title for the page (screen readers announce it after navigation). */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Xã Số` : 'Xã Số';
  }, [title]);
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-head">
      <h1 tabIndex={-1} className="page-title">
        {title}
      </h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

/**
 * A region that scrolls sideways on a phone (a wide table): focusable, so keyboard users can scroll it too (WCAG
 * 2.1.1; axe scrollable-region-focusable), and named by its caption or heading.
 */
export function ScrollRegion({
  labelledBy,
  className,
  children,
}: {
  labelledBy: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={className ? `table-wrap ${className}` : 'table-wrap'} tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
