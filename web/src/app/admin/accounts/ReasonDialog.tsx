import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextareaField } from '../../../components/ui';
import { ConfirmDialog } from '../shared';

/** Reading someone's personal data needs a reason; the server records it in the audit trail. */
export function ReasonDialog({
  open,
  onClose,
  onReason,
}: {
  open: boolean;
  onClose: () => void;
  onReason: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [short, setShort] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      title={t('admin.accounts.reasonTitle')}
      text={t('admin.accounts.reasonText')}
      confirmLabel={t('admin.accounts.show')}
      onClose={onClose}
      onConfirm={() => {
        if (reason.trim().length < 3) return setShort(true);
        onReason(reason.trim());
      }}
    >
      <TextareaField
        label={t('admin.accounts.reason')}
        hint={t('admin.accounts.reasonHint')}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setShort(false);
        }}
        error={short ? t('admin.accounts.reasonShort') : undefined}
        maxLength={500}
        required
      />
    </ConfirmDialog>
  );
}
