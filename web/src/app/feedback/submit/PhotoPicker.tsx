import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../../components/icons';

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_SIDE = 2048;

export interface PickedPhoto {
  key: string;
  blob: Blob;
  preview: string;
  name: string;
}

/**
 * Shrinks a phone photo (often 4–12 MB) to at most 2048 px, JPEG, before it goes over 3G. The server re-encodes
 * anyway and strips EXIF; anything the browser cannot decode (HEIC on most browsers) is sent as it is.
 */
async function shrink(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 1.5 * 1024 * 1024 && file.type === 'image/jpeg') return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

export function PhotoPicker({
  photos,
  onChange,
  onError,
}: {
  photos: PickedPhoto[];
  onChange: (p: PickedPhoto[]) => void;
  onError: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(photos);
  latest.current = photos;
  // Object URLs live as long as the page.
  useEffect(
    () => () => {
      for (const p of latest.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  const add = async (files: FileList | null) => {
    if (!files) return;
    onError(null);
    const room = MAX_PHOTOS - photos.length;
    const chosen = [...files];
    if (chosen.length > room) onError(t('feedback.submit.photoTooMany', { max: MAX_PHOTOS }));
    const next: PickedPhoto[] = [];
    for (const f of chosen.slice(0, Math.max(0, room))) {
      if (!f.type.startsWith('image/') && !/\.(heic|heif)$/i.test(f.name)) {
        onError(t('feedback.submit.photoNotImage', { name: f.name }));
        continue;
      }
      const blob = await shrink(f);
      if (blob.size > MAX_PHOTO_BYTES) {
        onError(t('feedback.submit.photoTooBig', { name: f.name }));
        continue;
      }
      next.push({
        key: `${f.name}-${f.size}-${Math.random()}`,
        blob,
        preview: URL.createObjectURL(blob),
        name: f.name,
      });
    }
    onChange([...photos, ...next]);
    if (input.current) input.current.value = '';
  };

  const remove = (key: string) => {
    const p = photos.find((x) => x.key === key);
    if (p) URL.revokeObjectURL(p.preview);
    onChange(photos.filter((x) => x.key !== key));
  };

  return (
    <div className="stack">
      {photos.length > 0 && (
        <ul className="fb-photos">
          {photos.map((p, i) => (
            <li key={p.key}>
              <img src={p.preview} alt={t('feedback.submit.photoN', { n: i + 1 })} />
              <button
                type="button"
                className="icon-btn fb-photo-remove"
                onClick={() => remove(p.key)}
                aria-label={t('feedback.submit.photoRemove', { n: i + 1 })}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < MAX_PHOTOS && (
        <div>
          <input
            ref={input}
            id={id}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
            multiple
            className="visually-hidden fb-file"
            onChange={(e) => add(e.target.files)}
          />
          <label htmlFor={id} className="btn">
            {t('feedback.submit.addPhoto')}
          </label>
        </div>
      )}
      <p className="hint">{t('feedback.submit.photoHint', { count: photos.length, max: MAX_PHOTOS })}</p>
    </div>
  );
}

/** The photo picker in its fieldset, with the picker's own complaints (too big, not an image) under it. */
export function PhotosFieldset({
  legend,
  photos,
  onChange,
}: {
  legend: string;
  photos: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <fieldset className="fb-fieldset">
      <legend>{legend}</legend>
      <PhotoPicker photos={photos} onChange={onChange} onError={setError} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
