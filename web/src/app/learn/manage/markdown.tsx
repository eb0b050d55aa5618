import { Fragment, type ReactNode } from 'react';

/**
 * A small Markdown reader for the author's preview (headings, paragraphs, lists, **bold**, *italic*, links, images),
 * drawn as React elements, never as HTML. Learners read what the server renders at publish time.
 */
function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  let m: RegExpExecArray | null = re.exec(text);
  let n = 0;
  while (m) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const k = `${key}-${n++}`;
    if (m[2] !== undefined) {
      // Only the course's own media (`media:<id>` or `/api/courses/media/<id>[/<variant>]`), as the server renders.
      const media = /^(?:media:|\/api\/courses\/media\/)([0-9a-f-]{36})(?:\/[a-z0-9]+)?$/i.exec(m[2]);
      const src = media ? `/api/courses/media/${media[1]}/480` : '';
      out.push(src ? <img key={k} src={src} alt={m[1]} loading="lazy" /> : `[${m[1]}]`);
    } else if (m[4] !== undefined) {
      const safe = /^https?:\/\//.test(m[4]) ? m[4] : undefined;
      out.push(
        <a key={k} href={safe} target="_blank" rel="noopener noreferrer">
          {m[3]}
        </a>,
      );
    } else if (m[5] !== undefined) out.push(<strong key={k}>{m[5]}</strong>);
    else if (m[6] !== undefined) out.push(<em key={k}>{m[6]}</em>);
    last = re.lastIndex;
    m = re.exec(text);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function MarkdownPreview({ source }: { source: string }) {
  const blocks: ReactNode[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  let b = 0;
  while (i < lines.length) {
    const line = lines[i];
    const key = `b${b++}`;
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      // The page's title is the h1: lesson headings start at h2.
      const level = Math.min(heading[1].length + 1, 4);
      const Tag = `h${level}` as 'h2';
      blocks.push(<Tag key={key}>{inline(heading[2], key)}</Tag>);
      i++;
      continue;
    }
    const bullet = /^\s*[-*+]\s+/;
    const numbered = /^\s*\d+[.)]\s+/;
    if (bullet.test(line) || numbered.test(line)) {
      const re = bullet.test(line) ? bullet : numbered;
      const items: string[] = [];
      while (i < lines.length && re.test(lines[i])) items.push(lines[i++].replace(re, ''));
      const List = re === bullet ? 'ul' : 'ol';
      blocks.push(
        <List key={key}>
          {items.map((it, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static text
            <li key={j}>{inline(it, `${key}-${j}`)}</li>
          ))}
        </List>,
      );
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() &&
      !/^#{1,4}\s/.test(lines[i]) &&
      !bullet.test(lines[i]) &&
      !numbered.test(lines[i])
    )
      para.push(lines[i++]);
    blocks.push(
      <p key={key}>
        {para.map((p, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static text
          <Fragment key={j}>
            {j > 0 && <br />}
            {inline(p, `${key}-${j}`)}
          </Fragment>
        ))}
      </p>,
    );
  }
  return <>{blocks}</>;
}
