/**
 * The language a page declares: `<html lang>`, else `og:locale`. Reduced to the primary subtag, the
 * form the archive stores (`en-GB` and `en_US` are both `en`).
 */

/** Primary subtags that name no language: undetermined, no linguistic content, several, uncoded. */
const notALanguage = new Set(['und', 'zxx', 'mul', 'mis']);

/** The lower-case primary language subtag the page declares, or undefined when it declares none usable. */
export function findPageLanguage(document: Document): string | undefined {
  const declared = [
    document.documentElement?.getAttribute('lang'),
    document.documentElement?.getAttribute('xml:lang'),
    metaProperty(document, 'og:locale'),
  ];
  for (const value of declared) {
    const language = primarySubtag(value);
    if (language !== undefined) return language;
  }
  return undefined;
}

/** `en` for `en`, `EN-gb` or `en_US`; undefined for anything that is not a 2–3 letter language subtag. */
export function primarySubtag(value: string | null | undefined): string | undefined {
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*\s*$/i.exec(value ?? '');
  const subtag = match?.[1]?.toLowerCase();
  return subtag === undefined || notALanguage.has(subtag) ? undefined : subtag;
}

function metaProperty(document: Document, property: string): string | undefined {
  for (const meta of Array.from(document.querySelectorAll('meta[property]'))) {
    if (meta.getAttribute('property')?.trim().toLowerCase() === property) {
      return meta.getAttribute('content') ?? undefined;
    }
  }
  return undefined;
}
