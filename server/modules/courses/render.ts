import MarkdownIt from 'markdown-it';
import { COURSE_MEDIA } from '../../../common/courses.js';

/** An image uploaded to the course: its variants' widths, and the largest one's size. */
export interface RenderImage {
  width: number;
  height: number;
  /** Variant name ("480", "960") → its width in pixels. */
  variants: Record<string, number>;
}

interface Env {
  [key: string | symbol]: unknown;
  images: Map<string, RenderImage>;
  problems: string[];
}

const MEDIA_SRC =
  /^(?:media:|\/api\/courses\/media\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/[a-z0-9]+)?$/i;

/** The media id an image source names (`media:<id>` or `/api/courses/media/<id>[/<variant>]`), or null. */
export function mediaIdOf(src: string): string | null {
  return MEDIA_SRC.exec(src.trim())?.[1]?.toLowerCase() ?? null;
}

// html: false: an author's raw HTML (a <script>, an <iframe>) is shown as text. linkify turns bare addresses into
// links; typographer off: Vietnamese quotes are typed as meant.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  const href = String(token.attrGet('href') ?? '');
  // Our own pages open in place; every other address opens in a new tab that cannot reach back to this one.
  if (!href.startsWith('/') || href.startsWith('//')) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  } else token.attrSet('rel', 'noopener');
  return self.renderToken(tokens, idx, options);
};

md.renderer.rules.image = (tokens, idx, options, maybeEnv) => {
  const env = maybeEnv as unknown as Env;
  const token = tokens[idx];
  const alt = md.utils.escapeHtml(token.children ? md.renderer.renderInlineAsText(token.children, options, env) : '');
  const src = String(token.attrGet('src') ?? '');
  const id = mediaIdOf(src);
  const image = id ? env.images.get(id) : undefined;
  if (!id || !image) {
    env.problems.push(src);
    return alt;
  }
  const url = (v: string) => `/api/courses/media/${id}/${v}`;
  const variants = Object.entries(image.variants).sort((a, b) => a[1] - b[1]);
  const widths = new Set<number>();
  const srcset = variants
    .filter(([, w]) => !widths.has(w) && widths.add(w))
    .map(([v, w]) => `${url(v)} ${w}w`)
    .join(', ');
  const largest = variants[variants.length - 1][0];
  const title = token.attrGet('title');
  const titleText = title === null ? '' : String(title);
  const max = Math.max(...COURSE_MEDIA.imageWidths);
  return (
    `<img src="${url(largest)}" srcset="${srcset}" sizes="(max-width: ${max}px) 100vw, ${max}px"` +
    ` width="${image.width}" height="${image.height}" alt="${alt}"` +
    (titleText ? ` title="${md.utils.escapeHtml(titleText)}"` : '') +
    ' loading="lazy" decoding="async">'
  );
};

/**
 * A lesson's Markdown as safe HTML: no raw HTML passes (it appears as text), links to other sites get
 * rel="noopener noreferrer", and images only from this course's uploads, lazy, with their size and resized variants.
 * `problems` lists image sources that are not this course's images (they render as their alt text).
 */
export function renderLesson(markdown: string, images: Map<string, RenderImage>): { html: string; problems: string[] } {
  const env: Env = { images, problems: [] };
  return { html: md.render(markdown, env), problems: env.problems };
}
