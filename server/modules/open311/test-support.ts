/** A minimal XML reader for the tests: elements and text only (what Open311 documents are). */
export type XmlElement = { name: string; children: XmlElement[]; text: string };

export function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/;
  if (!decl.test(xml)) throw new Error('missing XML declaration');
  const body = xml.replace(decl, '');
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  const re = /<(\/?)([a-z_]+)(\/?)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const top = stack[stack.length - 1];
    if (m[4] !== undefined) {
      top.text += m[4]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
      continue;
    }
    if (m[1]) {
      const done = stack.pop()!;
      if (done.name !== m[2]) throw new Error(`</${m[2]}> closes <${done.name}>`);
      done.text = done.children.length ? '' : done.text;
      continue;
    }
    const el: XmlElement = { name: m[2], children: [], text: '' };
    top.children.push(el);
    if (!m[3]) stack.push(el);
  }
  if (stack.length !== 1 || stack[0].children.length !== 1) throw new Error('unbalanced XML');
  return stack[0].children[0];
}

/** Child element names in order, and a child's text. */
export const names = (el: XmlElement) => el.children.map((c) => c.name);
export const text = (el: XmlElement, name: string) => el.children.find((c) => c.name === name)?.text ?? undefined;
export const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name)!;
