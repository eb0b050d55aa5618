import { useTranslation } from 'react-i18next';
import { CAMERA_KIND_LABELS, type CameraKind } from '../../../../common/constants/cameras';
import type { CameraView } from '../../api/cameras';

const vnShort = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  hourCycle: 'h23',
});

/** "14:05 07/12" in Vietnam's time (the year is this one's: a camera down for a year is another matter). */
export function shortDateTime(iso: string) {
  const p = Object.fromEntries(vnShort.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute} ${p.day}/${p.month}`;
}

export function kindLabel(kind: CameraKind, lang: string) {
  return CAMERA_KIND_LABELS[kind][lang === 'en' ? 'en' : 'vi'];
}

/** The camera's health in words (never colour alone), with a symbol for a quick glance. */
export function StatusBadge({ camera }: { camera: Pick<CameraView, 'status' | 'downSince'> }) {
  const { t } = useTranslation();
  if (camera.status === 'up')
    return (
      <span className="badge camera-up">
        <span aria-hidden="true">● </span>
        {t('cameras.status.up')}
      </span>
    );
  if (camera.status === 'down')
    return (
      <span className="badge badge-danger camera-down">
        <span aria-hidden="true">✕ </span>
        {camera.downSince
          ? t('cameras.status.downSince', { at: shortDateTime(camera.downSince) })
          : t('cameras.status.down')}
      </span>
    );
  return (
    <span className="badge badge-muted camera-unknown">
      <span aria-hidden="true">? </span>
      {t('cameras.status.unknown')}
    </span>
  );
}

/** Marker colours by status on the map (the list beside it says the status in words). */
export const STATUS_COLOURS = { up: '#1d6b3a', down: '#b42318', unknown: '#5b6b7f' } as const;
