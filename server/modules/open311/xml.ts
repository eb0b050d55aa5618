/** A tiny XML writer for the Open311 documents: elements and text only, no attributes, no namespaces. */
export type XmlValue = string | number | boolean | null | undefined | XmlNode[];
export type XmlNode = [name: string, value: XmlValue];

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage return).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing these characters is the point
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(node: XmlNode, indent: string, out: string[]) {
  const [name, value] = node;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${indent}<${name}/>`);
      return;
    }
    out.push(`${indent}<${name}>`);
    for (const child of value) write(child, `${indent}  `, out);
    out.push(`${indent}</${name}>`);
    return;
  }
  if (value === null || value === undefined || value === '') out.push(`${indent}<${name}/>`);
  else out.push(`${indent}<${name}>${escapeXml(String(value))}</${name}>`);
}

/** `<?xml …?>` and one root element, indented, UTF-8. */
export function xmlDocument(root: string, children: XmlNode[]): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  write([root, children], '', out);
  return `${out.join('\n')}\n`;
}

/** An object's fields as child elements, in the order given (Open311 documents list them in spec order). */
export function fields(obj: Record<string, XmlValue | XmlNode[]>): XmlNode[] {
  return Object.entries(obj).map(([k, v]) => [k, v as XmlValue]);
}
