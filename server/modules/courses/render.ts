import { COURSE_MEDIA } from '../../../common/courses.js';
import { createMarkdownRenderer, type MarkdownImage } from '../../platform/markdown.js';

/** An image uploaded to the course: its variants' widths, and the largest one's size. */
export type RenderImage = MarkdownImage;

const MEDIA_SRC =
  /^(?:media:|\/api\/courses\/media\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/[a-z0-9]+)?$/i;

/** The media id an image source names (`media:<id>` or `/api/courses/media/<id>[/<variant>]`), or null. */
export function mediaIdOf(src: string): string | null {
  return MEDIA_SRC.exec(src.trim())?.[1]?.toLowerCase() ?? null;
}

const renderer = createMarkdownRenderer({
  idOf: mediaIdOf,
  url: (id, variant) => `/api/courses/media/${id}/${variant}`,
  maxWidth: Math.max(...COURSE_MEDIA.imageWidths),
});

/**
 * A lesson's Markdown as safe HTML (platform/markdown.ts): no raw HTML passes (it appears as text), links to other
 * sites get rel="noopener noreferrer", and images only from this course's uploads, lazy, with their size and resized
 * variants. `problems` lists image sources that are not this course's images (they render as their alt text).
 */
export function renderLesson(markdown: string, images: Map<string, RenderImage>): { html: string; problems: string[] } {
  return renderer.render(markdown, images);
}
