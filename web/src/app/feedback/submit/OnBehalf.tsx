import { OPERATOR_CHANNELS } from '@common/constants/feedback';
import { useTranslation } from 'react-i18next';
import { rolesOf, useMe } from '../../../api/auth';
import type { SubmitReport } from '../../../api/feedback';
import { Field, SelectField } from '../../../components/ui';

export type Channel = NonNullable<SubmitReport['channel']>;
const OPERATORS = ['handling_officer', 'commune_admin', 'province_admin'] as const;

export interface Behalf {
  channel: Channel;
  name: string;
  phone: string;
  consent: boolean;
}

export const SELF: Behalf = { channel: 'app', name: '', phone: '', consent: false };

/** Channels this person may record a report from: their own (app), a resident they help, or a contact. */
export function useChannels(): Channel[] {
  const me = useMe();
  const roles = rolesOf(me.data);
  return [
    'app',
    ...(roles.has('team_member') ? (['assisted'] as Channel[]) : []),
    ...(OPERATORS.some((r) => roles.has(r)) ? OPERATOR_CHANNELS : []),
  ];
}

/**
 * For team members (assisted) and operators (hotline, Zalo, e-mail, walk-in): whom the report is from. The
 * resident's name and phone are recorded only with their consent, and never shown publicly.
 */
export function OnBehalf({
  value,
  onChange,
  channels,
  errors,
}: {
  value: Behalf;
  onChange: (b: Behalf) => void;
  channels: Channel[];
  errors: { consent?: string; reporterPhone?: string };
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<Behalf>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="fb-fieldset">
      <legend>{t('feedback.behalf.title')}</legend>
      <SelectField
        label={t('feedback.behalf.channel')}
        value={value.channel}
        onChange={(e) => set({ channel: e.target.value as Channel })}
      >
        {channels.map((c) => (
          <option key={c} value={c}>
            {t(`feedback.behalf.channels.${c}`)}
          </option>
        ))}
      </SelectField>
      {value.channel !== 'app' && (
        <>
          <Field
            label={t('feedback.behalf.name')}
            optional
            value={value.name}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => set({ name: e.target.value })}
          />
          <Field
            label={t('feedback.behalf.phone')}
            optional
            type="tel"
            inputMode="tel"
            value={value.phone}
            maxLength={20}
            autoComplete="off"
            error={errors.reporterPhone}
            onChange={(e) => set({ phone: e.target.value })}
          />
          {(value.name.trim() || value.phone.trim()) && (
            <label className="check fb-check">
              <input type="checkbox" checked={value.consent} onChange={(e) => set({ consent: e.target.checked })} />
              <span>
                {t('feedback.behalf.consent')}
                <span className="hint">{t('feedback.behalf.consentHint')}</span>
              </span>
            </label>
          )}
          {errors.consent && (
            <p className="field-error" role="alert">
              {errors.consent}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
