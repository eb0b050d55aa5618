/** The two languages every user-facing message exists in; Vietnamese is the default. */
export type Lang = 'vi' | 'en';

export interface Message {
  vi: string;
  en: string;
}

/** Picks the language from Accept-Language: English only when asked for before Vietnamese. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number.parseFloat(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
