import { NEWS_KIND_LABELS } from '../../../common/constants/news.js';
import type { PostRow } from './repo.js';

/** Text fit for XML 1.0: characters XML forbids (controls, lone surrogates, U+FFFE/FFFF) removed, then escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Our own addresses in rendered HTML (`src="/…"`, `href="/…"`, srcset entries) made absolute for feed readers. */
export function absoluteUrls(html: string, base: string): string {
  return html
    .replace(/(\s(?:src|href))="\/(?!\/)/g, `$1="${base}/`)
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_m, start: string, list: string) => `${start}${list.replace(/(^|,\s*)\/(?!\/)/g, `$1${base}/`)}"`,
    );
}

/**
 * A unit's Atom 1.0 feed (RFC 4287): its published posts, newest first, every link absolute under the public
 * address, every text escaped; entries carry the rendered HTML as escaped `content type="html"`.
 */
export function atomFeed(opts: {
  unit: { code: string; name: string };
  posts: PostRow[];
  publicUrl: string;
  feedFile: string;
}) {
  const { unit, posts, publicUrl } = opts;
  const base = publicUrl.replace(/\/+$/, '');
  const page = `${base}/news?unit=${encodeURIComponent(unit.code)}`;
  const self = `${base}/api/news/feed/${encodeURIComponent(opts.feedFile)}`;
  const updated = posts.reduce((max, p) => Math.max(max, p.updatedAt.getTime(), p.publishAt.getTime()), 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    `  <id>${xmlText(page)}</id>`,
    `  <title>${xmlText(`Tin tức – thông báo: ${unit.name}`)}</title>`,
    `  <subtitle>${xmlText(`Tin chính thức của ${unit.name} trên Xã Số`)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
    `  <updated>${new Date(updated || Date.UTC(2025, 6, 1)).toISOString()}</updated>`,
    `  <author><name>${xmlText(unit.name)}</name></author>`,
    '  <generator>Xã Số</generator>',
  ];
  for (const p of posts) {
    const link = `${base}/news/${p.id}`;
    const kind = NEWS_KIND_LABELS[p.kind];
    lines.push(
      '  <entry>',
      `    <id>urn:uuid:${p.id}</id>`,
      `    <title>${xmlText(p.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <published>${p.publishAt.toISOString()}</published>`,
      `    <updated>${new Date(Math.max(p.updatedAt.getTime(), p.publishAt.getTime())).toISOString()}</updated>`,
      `    <category term="${xmlText(p.kind)}" label="${xmlText(kind.vi)}"/>`,
      `    <summary>${xmlText(p.summary)}</summary>`,
      `    <content type="html">${xmlText(absoluteUrls(p.bodyHtml, base))}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
