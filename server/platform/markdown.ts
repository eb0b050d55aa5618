import MarkdownIt from 'markdown-it';

/** An uploaded image a text may show: its variants' widths, and the largest one's size. */
export interface MarkdownImage {
  width: number;
  height: number;
  /** Variant name ("480", "960") → its width in pixels. */
  variants: Record<string, number>;
}

/** How one kind of text (a course's lesson, a news post) names and serves its uploaded images. */
export interface MarkdownImages {
  /** The image id an image source names (e.g. `media:<id>`), or null when it names none of ours. */
  idOf(src: string): string | null;
  /** The address of one variant of an image. */
  url(id: string, variant: string): string;
  /** The widest variant's width: the `sizes` attribute's bound. */
  maxWidth: number;
}

interface Env {
  [key: string | symbol]: unknown;
  images: Map<string, MarkdownImage>;
  problems: string[];
}

/**
 * A Markdown renderer to safe HTML, shared by the domains that publish authored text (courses, news):
 * html: false, so an author's raw HTML (a <script>, an <iframe>) is shown as text; linkify turns bare addresses into
 * links; typographer off (Vietnamese quotes are typed as meant); other sites' links open in a new tab that cannot
 * reach back (rel="noopener noreferrer"); images only from the caller's uploads, lazy, with their size and a srcset
 * of the resized variants. `problems` lists image sources that are not known uploads (they render as their alt text).
 */
export function createMarkdownRenderer(opts: MarkdownImages) {
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
    const id = opts.idOf(src);
    const image = id ? env.images.get(id) : undefined;
    if (!id || !image) {
      env.problems.push(src);
      return alt;
    }
    const variants = Object.entries(image.variants).sort((a, b) => a[1] - b[1]);
    const widths = new Set<number>();
    const srcset = variants
      .filter(([, w]) => !widths.has(w) && widths.add(w))
      .map(([v, w]) => `${opts.url(id, v)} ${w}w`)
      .join(', ');
    const largest = variants[variants.length - 1][0];
    const title = token.attrGet('title');
    const titleText = title === null ? '' : String(title);
    return (
      `<img src="${opts.url(id, largest)}" srcset="${srcset}" sizes="(max-width: ${opts.maxWidth}px) 100vw, ${opts.maxWidth}px"` +
      ` width="${image.width}" height="${image.height}" alt="${alt}"` +
      (titleText ? ` title="${md.utils.escapeHtml(titleText)}"` : '') +
      ' loading="lazy" decoding="async">'
    );
  };

  return {
    render(markdown: string, images: Map<string, MarkdownImage>): { html: string; problems: string[] } {
      const env: Env = { images, problems: [] };
      return { html: md.render(markdown, env), problems: env.problems };
    },
    /** The text without markup, whitespace folded: a list's summary, a feed's excerpt. */
    plainText(markdown: string): string {
      const html = md.render(markdown, { images: new Map(), problems: [] } satisfies Env);
      return html
        .replace(/<[^>]*>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim();
    },
  };
}
