import { NEWS_IMAGE_WIDTHS, NEWS_LIMITS } from '../../../common/constants/news.js';
import { createMarkdownRenderer, type MarkdownImage } from '../../platform/markdown.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const IMAGE_SRC = new RegExp(`^(?:image:|/api/news/images/)(${UUID})(?:/[0-9]+)?$`, 'i');
const IMAGE_REFS = new RegExp(`(?:image:|/api/news/images/)(${UUID})`, 'gi');

/** The image id an image source names (`image:<id>` or `/api/news/images/<id>[/<variant>]`), or null. */
export const imageIdOf = (src: string) => IMAGE_SRC.exec(src.trim())?.[1]?.toLowerCase() ?? null;

/** Every image id a body mentions (what to load before rendering it). */
export const imageIdsIn = (markdown: string) =>
  [...new Set([...markdown.matchAll(IMAGE_REFS)].map((m) => m[1].toLowerCase()))].slice(0, 100);

export const imageUrl = (id: string, variant: string) => `/api/news/images/${id}/${variant}`;

const renderer = createMarkdownRenderer({
  idOf: imageIdOf,
  url: imageUrl,
  maxWidth: Math.max(...NEWS_IMAGE_WIDTHS),
});

/** A post's Markdown as safe HTML (platform/markdown.ts), images only the unit's uploads. */
export const renderPost = (markdown: string, images: Map<string, MarkdownImage>) => renderer.render(markdown, images);

/** The first words of a post, plain text, cut at a word. */
export function summaryOf(markdown: string, max: number = NEWS_LIMITS.summary): string {
  const text = renderer.plainText(markdown);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
