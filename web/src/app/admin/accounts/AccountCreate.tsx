import { PASSWORD_MIN_LENGTH } from '@common/constants/accounts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCreateAccount } from '../../../api/admin';
import { fieldError } from '../../../api/client';
import { CopyButton, ErrorMessage, Field, Notice, PageHeader } from '../../../components/ui';
import { AdminPage } from '../shared';
import { RoleScopeFields, useRoleScope } from './RoleScope';

function Body() {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const scope = useRoleScope('team_member');
  const [fullName, setFullName] = useState('');
  const [phone, setPhone] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [formKey, setFormKey] = useState(0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      fullName: fullName.trim(),
      phone: phone.trim(),
      ...(username.trim() ? { username: username.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(password ? { password } : {}),
      ...scope.body,
    });
  };
  const again = () => {
    create.reset();
    setFullName('');
    setPhone('');
    setUsername('');
    setEmail('');
    setPassword('');
    setFormKey((k) => k + 1);
  };

  if (create.data) {
    return (
      <>
        <PageHeader title={t('admin.accounts.newTitle')} />
        <div className="card stack">
          <Notice tone="success">{t('admin.accounts.created', { name: create.data.account.fullName })}</Notice>
          {create.data.temporaryPassword && (
            <>
              <p>{t('admin.accounts.tempPassword')}</p>
              <code className="secret">{create.data.temporaryPassword}</code>
              <CopyButton text={create.data.temporaryPassword} />
            </>
          )}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={again}>
              {t('admin.accounts.createAnother')}
            </button>
            <Link to="/admin/accounts" className="btn">
              {t('admin.accounts.backToList')}
            </Link>
          </div>
        </div>
      </>
    );
  }
  const err = (f: string) => fieldError(create.error, f);
  return (
    <>
      <p>
        <Link to="/admin/accounts">← {t('admin.accounts.backToList')}</Link>
      </p>
      <PageHeader title={t('admin.accounts.newTitle')} />
      <form key={formKey} onSubmit={submit} noValidate className="card stack">
        <Field
          label={t('admin.accounts.fullName')}
          autoComplete="off"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          error={err('fullName')}
          required
        />
        <Field
          label={t('admin.accounts.phone')}
          hint={t('signIn.phoneHint')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={err('phone')}
          required
        />
        <RoleScopeFields state={scope} error={create.error} />
        <Field
          label={t('admin.accounts.username')}
          optional
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={err('username')}
        />
        <Field
          label={t('admin.accounts.email')}
          optional
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={err('email')}
        />
        <Field
          label={t('admin.accounts.password')}
          hint={t('admin.accounts.passwordHint')}
          optional
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={err('password')}
        />
        <ErrorMessage error={create.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('admin.accounts.add')}
          </button>
        </div>
      </form>
    </>
  );
}

export default function AccountCreate() {
  return (
    <AdminPage>
      <Body />
    </AdminPage>
  );
}
