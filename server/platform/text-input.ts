import { AppError } from './errors.js';
import type { Message } from './i18n.js';

/** Half of a UTF-16 surrogate pair without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const loneSurrogateMessage: Message = {
  vi: 'Có ký tự không hợp lệ (nửa cặp ký tự UTF-16 bị lẻ, \\ud800–\\udfff).',
  en: 'Contains an invalid character (an unpaired UTF-16 surrogate, \\ud800–\\udfff).',
};

/**
 * The path ("attributes.note", "rows.3.name") of the first string or key in a parsed JSON value holding a lone
 * surrogate; "" for the value itself; undefined when every string is well formed.
 */
export function findLoneSurrogate(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path.join('.') : undefined;
  if (!value || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], [...path, String(i)], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (LONE_SURROGATE.test(k)) return [...path, k.replace(LONE_SURROGATE, '\uFFFD')].join('.');
    const found = findLoneSurrogate(v, [...path, k], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A 400 naming the field that holds a lone surrogate (`prefix` first, e.g. "report" for a multipart field). */
export function loneSurrogateError(path: string, prefix?: string) {
  const field = [prefix, path].filter(Boolean).join('.') || 'body';
  return new AppError(
    400,
    'invalid_character',
    { vi: 'Dữ liệu chứa ký tự không hợp lệ.', en: 'The input contains an invalid character.' },
    { [field]: loneSurrogateMessage },
  );
}

/** Refuses a parsed JSON value holding a lone surrogate anywhere (throws the 400). */
export function assertWellFormed(value: unknown, prefix?: string) {
  const path = findLoneSurrogate(value);
  if (path !== undefined) throw loneSurrogateError(path, prefix);
}
