import { foldVn } from '../../common/units.js';

/**
 * A Content-Disposition for a file with a Vietnamese name: an ASCII `filename` every browser reads ("Kích hoạt VNeID"
 * → "kich-hoat-vneid.pdf") and the UTF-8 `filename*` for those that read it.
 */
export function contentDisposition(
  disposition: 'inline' | 'attachment',
  name: string,
  extension: string,
  fallback = 'tep',
) {
  const ascii =
    foldVn(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || fallback;
  return `${disposition}; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${name.slice(0, 120)}.${extension}`)}`;
}
