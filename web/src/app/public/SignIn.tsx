import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useMe, useOtpRequest, useOtpVerify, usePasswordSignIn } from '../../api/auth';
import { ApiError, fieldError } from '../../api/client';
import { ErrorMessage, Field, Notice, PageHeader } from '../../components/ui';

/** Only paths inside the app: `next=//evil.example` must not send anyone away. */
function safeNext(next: string | null) {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Where to go once signed in: TOTP setup first when the account must have it, else back where the person was. */
function useDestination() {
  const [params] = useSearchParams();
  const me = useMe();
  if (!me.data) return null;
  return me.data.mustSetUpTotp ? '/account#totp' : safeNext(params.get('next'));
}

function useCountdown() {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [until, now]);
  return {
    left: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (seconds: number) => {
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
    },
  };
}

const digits = (s: string) => s.replace(/\D/g, '').slice(0, 6);

function OtpForm() {
  const { t } = useTranslation();
  const request = useOtpRequest();
  const verify = useOtpVerify();
  const countdown = useCountdown();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<{ minutes: number } | null>(null);
  const [localError, setLocalError] = useState<{ phone?: string; code?: string }>({});
  const codeRef = useRef<HTMLInputElement>(null);

  const send = (e?: FormEvent) => {
    e?.preventDefault();
    if (!phone.trim()) return setLocalError({ phone: t('signIn.required') });
    setLocalError({});
    request.mutate(
      { phone: phone.trim() },
      {
        onSuccess: (r) => {
          setSent({ minutes: Math.max(1, Math.round(r.expiresInSeconds / 60)) });
          countdown.start(r.resendAfterSeconds);
          setCode('');
          setTimeout(() => codeRef.current?.focus(), 0);
        },
      },
    );
  };

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (code.length !== 6) return setLocalError({ code: t('signIn.codeInvalid') });
    setLocalError({});
    verify.mutate({ phone: phone.trim(), code });
  };

  if (!sent) {
    return (
      <form onSubmit={send} noValidate className="stack">
        <Field
          label={t('signIn.phone')}
          hint={t('signIn.phoneHint')}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={localError.phone ?? fieldError(request.error, 'phone')}
          required
        />
        {request.error && !fieldError(request.error, 'phone') && <ErrorMessage error={request.error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={request.isPending}>
          {request.isPending ? t('app.loading') : t('signIn.sendCode')}
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={submitCode} noValidate className="stack">
      <Notice>{t('signIn.codeSentTo', { phone: phone.trim(), minutes: sent.minutes })}</Notice>
      <Field
        ref={codeRef}
        label={t('signIn.code')}
        hint={t('signIn.codeHint')}
        name="code"
        className="field-code"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(digits(e.target.value))}
        error={localError.code ?? fieldError(verify.error, 'code')}
        required
      />
      {verify.error && !fieldError(verify.error, 'code') && <ErrorMessage error={verify.error} />}
      <button type="submit" className="btn btn-primary btn-block" disabled={verify.isPending}>
        {verify.isPending ? t('app.loading') : t('signIn.verify')}
      </button>
      <div className="row-between">
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            setSent(null);
            verify.reset();
          }}
        >
          {t('signIn.changePhone')}
        </button>
        <button
          type="button"
          className="btn btn-link"
          onClick={() => send()}
          disabled={countdown.left > 0 || request.isPending}
        >
          {countdown.left > 0 ? t('signIn.resendIn', { seconds: countdown.left }) : t('signIn.resend')}
        </button>
      </div>
      {request.error && <ErrorMessage error={request.error} />}
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const signIn = usePasswordSignIn();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [localError, setLocalError] = useState<{ login?: string; password?: string; totp?: string }>({});
  const totpRef = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof localError = {};
    if (!login.trim()) errs.login = t('signIn.required');
    if (!password) errs.password = t('signIn.required');
    if (needTotp && totp.length !== 6) errs.totp = t('signIn.codeInvalid');
    setLocalError(errs);
    if (Object.keys(errs).length) return;
    signIn.mutate(
      { login: login.trim(), password, ...(needTotp ? { totp } : {}) },
      {
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'totp_required') {
            setNeedTotp(true);
            signIn.reset();
            setTimeout(() => totpRef.current?.focus(), 0);
          }
        },
      },
    );
  };

  if (needTotp) {
    return (
      <form onSubmit={submit} noValidate className="stack">
        <h2>{t('signIn.totpTitle')}</h2>
        <p>{t('signIn.totpHelp')}</p>
        <Field
          ref={totpRef}
          label={t('signIn.totp')}
          name="totp"
          className="field-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          value={totp}
          onChange={(e) => setTotp(digits(e.target.value))}
          error={localError.totp ?? fieldError(signIn.error, 'totp')}
          required
        />
        {signIn.error && !fieldError(signIn.error, 'totp') && <ErrorMessage error={signIn.error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
          {signIn.isPending ? t('app.loading') : t('signIn.verify')}
        </button>
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            setNeedTotp(false);
            setTotp('');
            signIn.reset();
          }}
        >
          {t('signIn.back')}
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="stack">
      <Field
        label={t('signIn.login')}
        name="login"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        error={localError.login ?? fieldError(signIn.error, 'login')}
        required
      />
      <Field
        label={t('signIn.password')}
        name="password"
        type={show ? 'text' : 'password'}
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={localError.password ?? fieldError(signIn.error, 'password')}
        required
      />
      <label className="check">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        <span>{t('signIn.showPassword')}</span>
      </label>
      {signIn.error && <ErrorMessage error={signIn.error} />}
      <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
        {signIn.isPending ? t('app.loading') : t('signIn.submit')}
      </button>
    </form>
  );
}

type Tab = 'otp' | 'password';

export default function SignIn() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const destination = useDestination();
  const [tab, setTab] = useState<Tab>('otp');
  const tabs: Tab[] = ['otp', 'password'];
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ otp: null, password: null });

  // Tabs pattern: arrow keys move between tabs, Tab moves into the panel.
  const onKey = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const i = tabs.indexOf(tab);
    const next =
      e.key === 'Home'
        ? tabs[0]
        : e.key === 'End'
          ? tabs[tabs.length - 1]
          : tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    setTab(next);
    refs.current[next]?.focus();
  };

  // Signed in (just now, or already): the sign-in answer is the session, so go on.
  if (destination) return <Navigate to={destination} replace />;
  return (
    <div className="narrow">
      <PageHeader title={t('signIn.title')} />
      {params.get('expired') && <Notice tone="warning">{t('signIn.sessionEnded')}</Notice>}
      <div className="card">
        <div role="tablist" aria-label={t('signIn.methods')} className="tabs" onKeyDown={onKey}>
          {tabs.map((id) => (
            <button
              key={id}
              ref={(el) => {
                refs.current[id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              className="tab-btn"
              onClick={() => setTab(id)}
            >
              {t(id === 'otp' ? 'signIn.otpTab' : 'signIn.passwordTab')}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
          {tab === 'otp' ? <OtpForm /> : <PasswordForm />}
        </div>
      </div>
    </div>
  );
}
