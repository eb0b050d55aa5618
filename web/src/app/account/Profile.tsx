import { ROLE_LABELS } from '@common/constants/roles';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  useChangePassword,
  useEndSession,
  useMe,
  useSessions,
  useSetPassword,
  useSignOut,
  useSignOutEverywhere,
  useTotpSetup,
  useTotpToggle,
  useUpdateMe,
} from '../../api/auth';
import { fieldError } from '../../api/client';
import type { Me } from '../../api/types';
import { Dialog, ErrorMessage, Field, Notice, PageHeader, QueryState, SelectField } from '../../components/ui';
import { formatDateTime, type Lang, setLang } from '../../i18n';
import { RequireUser } from '../shell/guards';

function lang(l: string): Lang {
  return l === 'en' ? 'en' : 'vi';
}

function DetailsForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateMe();
  const [fullName, setFullName] = useState(me.user.fullName);
  const [email, setEmail] = useState(me.user.email ?? '');
  const [locale, setLocale] = useState<Lang>(lang(i18n.language));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { fullName: fullName.trim(), email: email.trim() || undefined, locale },
      { onSuccess: () => setLang(locale) },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="stack">
      <Field
        label={t('profile.fullName')}
        name="fullName"
        autoComplete="name"
        value={fullName}
        onChange={(e) => setFullName(e.target.value)}
        error={fieldError(update.error, 'fullName')}
        required
      />
      <Field
        label={t('profile.email')}
        name="email"
        type="email"
        autoComplete="email"
        optional
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldError(update.error, 'email')}
      />
      <SelectField
        label={t('profile.language')}
        name="locale"
        value={locale}
        onChange={(e) => setLocale(lang(e.target.value))}
        error={fieldError(update.error, 'locale')}
      >
        <option value="vi" lang="vi">
          Tiếng Việt
        </option>
        <option value="en" lang="en">
          English
        </option>
      </SelectField>
      {update.error && <ErrorMessage error={update.error} />}
      {update.isSuccess && <Notice tone="success">{t('profile.saved')}</Notice>}
      <button type="submit" className="btn btn-primary" disabled={update.isPending}>
        {t('profile.save')}
      </button>
    </form>
  );
}

/** A new password typed twice; `confirmed()` flags a mismatch before anything is sent. */
function useNewPassword() {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    next,
    again,
    mismatch,
    setNext,
    setAgain,
    confirmed: () => {
      setMismatch(next !== again);
      return next === again;
    },
    clear: () => {
      setNext('');
      setAgain('');
    },
  };
}

function NewPasswordFields({ pw, error }: { pw: ReturnType<typeof useNewPassword>; error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('profile.newPassword')}
        hint={t('profile.newPasswordHint')}
        type="password"
        autoComplete="new-password"
        minLength={8}
        value={pw.next}
        onChange={(e) => pw.setNext(e.target.value)}
        error={fieldError(error, 'newPassword')}
        required
      />
      <Field
        label={t('profile.confirmPassword')}
        type="password"
        autoComplete="new-password"
        value={pw.again}
        onChange={(e) => pw.setAgain(e.target.value)}
        error={pw.mismatch ? t('profile.mismatch') : undefined}
        required
      />
    </>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const pw = useNewPassword();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pw.confirmed()) return;
    change.mutate(
      { currentPassword: current, newPassword: pw.next },
      {
        onSuccess: () => {
          setCurrent('');
          pw.clear();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="stack">
      <Field
        label={t('profile.currentPassword')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={fieldError(change.error, 'currentPassword')}
        required
      />
      <NewPasswordFields pw={pw} error={change.error} />
      {change.error && <ErrorMessage error={change.error} />}
      {change.isSuccess && <Notice tone="success">{t('profile.passwordChanged')}</Notice>}
      <button type="submit" className="btn btn-primary" disabled={change.isPending}>
        {t('profile.changePassword')}
      </button>
    </form>
  );
}

/** First password for an account that signed up by code (the server allows it shortly after signing in). */
function SetPasswordForm() {
  const { t } = useTranslation();
  const set = useSetPassword();
  const pw = useNewPassword();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pw.confirmed()) set.mutate({ newPassword: pw.next });
  };
  return (
    <form onSubmit={submit} noValidate className="stack">
      <p>{t('profile.noPassword')}</p>
      <NewPasswordFields pw={pw} error={set.error} />
      <ErrorMessage error={set.error} />
      <button type="submit" className="btn btn-primary" disabled={set.isPending}>
        {t('profile.setPassword')}
      </button>
    </form>
  );
}

function svgDataUrl(svg: string) {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function TotpSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const enable = useTotpToggle('enable');
  const disable = useTotpToggle('disable');
  const [code, setCode] = useState('');
  const on = me.user.totpEnabled;
  const toggle = on ? disable : enable;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    toggle.mutate(
      { code },
      {
        onSuccess: () => {
          setCode('');
          setup.reset();
        },
      },
    );
  };
  const codeField = (
    <Field
      label={t('profile.totpCode')}
      className="field-code"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={6}
      value={code}
      onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
      error={fieldError(toggle.error, 'code')}
      required
    />
  );
  return (
    <div className="stack">
      {me.mustSetUpTotp && !on && <Notice tone="warning">{t('profile.totpRequired')}</Notice>}
      <p>{on ? t('profile.totpOn') : t('profile.totpOff')}</p>
      {enable.isSuccess && on && <Notice tone="success">{t('profile.enabled')}</Notice>}
      {disable.isSuccess && !on && <Notice tone="success">{t('profile.disabled')}</Notice>}
      {on ? (
        <form onSubmit={submit} noValidate className="stack">
          {codeField}
          {toggle.error && <ErrorMessage error={toggle.error} />}
          <button type="submit" className="btn btn-danger" disabled={toggle.isPending}>
            {t('profile.disable')}
          </button>
        </form>
      ) : setup.data ? (
        <form onSubmit={submit} noValidate className="stack">
          <p>{t('profile.totpScan')}</p>
          <img className="qr" src={svgDataUrl(setup.data.qrSvg)} alt={t('profile.totpQr')} />
          <div>
            <p className="item-title">{t('profile.secret')}</p>
            <code className="secret">{setup.data.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </div>
          {codeField}
          {toggle.error && <ErrorMessage error={toggle.error} />}
          <button type="submit" className="btn btn-primary" disabled={toggle.isPending}>
            {t('profile.enable')}
          </button>
        </form>
      ) : (
        <>
          {setup.error && <ErrorMessage error={setup.error} />}
          <button type="button" className="btn btn-primary" onClick={() => setup.mutate()} disabled={setup.isPending}>
            {t('profile.totpStart')}
          </button>
        </>
      )}
    </div>
  );
}

function deviceName(ua: string | null | undefined, fallback: string) {
  if (!ua) return fallback;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  return [browser, os].filter(Boolean).join(' · ') || fallback;
}

function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const end = useEndSession();
  const signOut = useSignOut();
  const everywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  return (
    <div className="stack">
      <QueryState query={sessions}>
        <ul className="list">
          {(sessions.data ?? []).map((s) => (
            <li key={s.id} className="list-item">
              <p className="item-title">
                {deviceName(s.userAgent, t('profile.unknownDevice'))}
                {s.current && <span className="badge"> {t('profile.thisDevice')}</span>}
              </p>
              <p className="item-meta">
                {t('profile.signedInAt', { at: formatDateTime(s.createdAt) })}
                {s.lastSeenAt && <> · {t('profile.lastSeen', { at: formatDateTime(s.lastSeenAt) })}</>}
              </p>
              {!s.current && (
                <button
                  type="button"
                  className="btn"
                  disabled={end.isPending}
                  onClick={() => end.mutate(s.id)}
                  aria-label={`${t('profile.endSession')}: ${deviceName(s.userAgent, t('profile.unknownDevice'))}, ${formatDateTime(s.createdAt)}`}
                >
                  {t('profile.endSession')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/') })}
          disabled={signOut.isPending}
        >
          {t('profile.signOut')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => setConfirm(true)}>
          {t('profile.signOutEverywhere')}
        </button>
      </div>
      <ErrorMessage error={everywhere.error ?? end.error} />
      <Dialog open={confirm} title={t('profile.signOutEverywhere')} onClose={() => setConfirm(false)}>
        <p>{t('profile.signOutEverywhereConfirm')}</p>
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-danger btn-solid"
            onClick={() =>
              everywhere.mutate(undefined, {
                onSuccess: () => navigate('/'),
                onSettled: () => setConfirm(false),
              })
            }
            disabled={everywhere.isPending}
          >
            {t('profile.signOutEverywhere')}
          </button>
          <button type="button" className="btn" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

function ProfileBody({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const l = lang(i18n.language);
  useEffect(() => {
    if (window.location.hash === '#totp') document.getElementById('totp')?.scrollIntoView();
  }, []);
  return (
    <>
      <PageHeader title={t('profile.title')} />
      {me.user.fullName && <p className="lead item-title">{me.user.fullName}</p>}
      <section className="card stack" aria-labelledby="p-details">
        <h2 id="p-details">{t('profile.details')}</h2>
        <dl className="facts">
          {me.user.phone && (
            <div>
              <dt>{t('profile.phone')}</dt>
              <dd>{me.user.phone}</dd>
            </div>
          )}
          {me.user.username && (
            <div>
              <dt>{t('profile.username')}</dt>
              <dd>{me.user.username}</dd>
            </div>
          )}
        </dl>
        <DetailsForm me={me} />
      </section>
      <section className="card stack" aria-labelledby="p-roles">
        <h2 id="p-roles">{t('profile.roles')}</h2>
        {me.assignments.length === 0 ? (
          <p>{t('profile.noRoles')}</p>
        ) : (
          <ul className="list">
            {me.assignments.map((a) => (
              <li key={a.id} className="list-item">
                <p className="item-title">{ROLE_LABELS[a.role]?.[l] ?? a.role}</p>
                {(a.unitName || a.handlingUnitName) && <p className="item-meta">{a.handlingUnitName ?? a.unitName}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="p-password">
        <h2 id="p-password">{me.user.hasPassword ? t('profile.password') : t('profile.setPassword')}</h2>
        {me.user.hasPassword ? <PasswordForm /> : <SetPasswordForm />}
      </section>
      {(me.user.hasPassword || me.user.totpEnabled) && (
        <section className="card stack" aria-labelledby="totp">
          <h2 id="totp" tabIndex={-1}>
            {t('profile.totp')}
          </h2>
          <TotpSection me={me} />
        </section>
      )}
      <section className="card stack" aria-labelledby="p-sessions">
        <h2 id="p-sessions">{t('profile.sessions')}</h2>
        <SessionsSection />
      </section>
    </>
  );
}

export default function Profile() {
  const me = useMe();
  return <RequireUser>{me.data && <ProfileBody me={me.data} />}</RequireUser>;
}
