import { MAX_PHOTOS } from '@common/constants/feedback';
import { MAX_PHOTO_BYTES, MAX_PHOTO_SIZE_TEXT, PHOTO_LONG_SIDE } from '@common/constants/photos';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../../components/icons';

export interface PickedPhoto {
  key: string;
  blob: Blob;
  preview: string;
  name: string;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif']);

/**
 * What the first bytes of a file say it is (the name and the type the device gives can lie: "fake.jpg" may be text):
 * JPEG, PNG, WebP or HEIF/HEIC/AVIF, else null. The server checks the same way.
 */
export async function sniffImage(file: Blob): Promise<'jpeg' | 'png' | 'webp' | 'heif' | null> {
  const b = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(8, 12))) return 'heif';
  return null;
}

/**
 * Shrinks a decoded phone photo (often 4–12 MB) to at most 2048 px, JPEG, before it goes over 3G. The server
 * re-encodes anyway and strips EXIF; HEIC, which most browsers cannot decode, is sent as it is.
 */
async function shrink(file: File, bitmap: ImageBitmap | null): Promise<Blob> {
  if (!bitmap) return file;
  try {
    const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 1.5 * 1024 * 1024 && file.type === 'image/jpeg') return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  } finally {
    bitmap.close();
  }
}

/**
 * Checks a picked file by its content, then decodes it: a file that is not a photo, or one the browser cannot open
 * (damaged, cut short), is refused here with its name, instead of showing a broken thumbnail and failing on send.
 */
async function readPhoto(file: File): Promise<{ ok: true; bitmap: ImageBitmap | null } | { ok: false; why: string }> {
  const kind = await sniffImage(file);
  if (!kind) return { ok: false, why: 'feedback.submit.photoNotImage' };
  try {
    return { ok: true, bitmap: await createImageBitmap(file) };
  } catch {
    // Most browsers cannot decode HEIC: the server can, so it goes as it is.
    return kind === 'heif' ? { ok: true, bitmap: null } : { ok: false, why: 'feedback.submit.photoBroken' };
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
    // Every refused file is named, not only the last one.
    const problems: string[] = [];
    if (chosen.length > room) problems.push(t('feedback.submit.photoTooMany', { max: MAX_PHOTOS }));
    const next: PickedPhoto[] = [];
    for (const f of chosen.slice(0, Math.max(0, room))) {
      const read = await readPhoto(f);
      if (!read.ok) {
        problems.push(t(read.why, { name: f.name }));
        continue;
      }
      const blob = await shrink(f, read.bitmap);
      if (blob.size > MAX_PHOTO_BYTES) {
        problems.push(t('feedback.submit.photoTooBig', { name: f.name, size: MAX_PHOTO_SIZE_TEXT }));
        continue;
      }
      next.push({
        key: `${f.name}-${f.size}-${Math.random()}`,
        blob,
        preview: URL.createObjectURL(blob),
        name: f.name,
      });
    }
    if (problems.length) onError(problems.join(' '));
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
      <p className="hint">
        {t('feedback.submit.photoHint', { count: photos.length, max: MAX_PHOTOS, size: MAX_PHOTO_SIZE_TEXT })}
      </p>
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
