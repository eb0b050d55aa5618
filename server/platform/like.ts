/**
 * Text matched literally inside a LIKE pattern: `\`, `%` and `_` escaped with a backslash (PostgreSQL's default
 * ESCAPE), so a search for "50%" or a path holding "_" matches those characters and nothing else.
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Search text for names (units, handling units), which hold no LIKE wildcard or backslash: those become spaces, so
 * searching for them finds nothing; runs of spaces become one; trimmed ('' when nothing is left).
 */
export const nameSearchText = (q: string) =>
  q
    .replace(/[%_\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
