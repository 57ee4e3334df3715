/**
 * Atom 0.3's `mode="base64"`: a title, summary or content whose text is base64. feedsmith drops the
 * mode attribute, so these elements are decoded before parsing and put back as escaped text.
 */

const base64Element =
  /<([A-Za-z_][\w:.-]*)(\s[^<>]*?)\bmode\s*=\s*(["'])base64\3([^<>]*)>([A-Za-z0-9+/=\s]*)<\/\1\s*>/g;

/** The document with every `mode="base64"` element's text decoded (UTF-8) and escaped, the attribute removed. */
export function decodeBase64Elements(xml: string): string {
  if (!xml.includes('base64')) return xml;
  return xml.replace(
    base64Element,
    (_whole, name: string, before: string, _quote, after: string, body: string) => {
      const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      const escaped = decoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return `<${name}${before.trimEnd()}${after}>${escaped}</${name}>`;
    },
  );
}
