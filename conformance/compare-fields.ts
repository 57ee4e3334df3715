/**
 * How a stored field is compared with another parser's expected value. wirewatch stores titles and
 * authors as plain text, content as sanitised HTML and links as absolute URLs, so each comparison
 * first brings the expected value to that same form — never the other way round, and never by
 * looking at which test is running.
 */
import { collapseWhitespace, htmlToInlineText, htmlToPlainText } from '../src/ingest/sanitize/html-text.ts';
import type { CustomValue, PyValue } from './python-eval.ts';

/** A tag, comment or entity reference: expected values with one are HTML and are compared as their text. */
export function looksLikeMarkup(text: string): boolean {
  return /<\/?[A-Za-z][^<>]*>|<!--|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text);
}

/** A plain-text title: equal to the expected text, or to the text of expected HTML. */
export function titleValue(ours: string): CustomValue {
  return {
    custom: true,
    plain: () => ours,
    equals: (other) =>
      typeof other === 'string' &&
      (ours === collapseWhitespace(other) || (looksLikeMarkup(other) && ours === htmlToInlineText(other))),
  };
}

/** Sanitised HTML: equal when its text equals the expected value's text (markup differs by allow-list). */
export function htmlValue(ours: string): CustomValue {
  const text = collapseWhitespace(htmlToPlainText(ours));
  return {
    custom: true,
    plain: () => ours,
    // Expected plain text (a text-typed Atom content) may hold brackets that are not markup.
    equals: (other) =>
      typeof other === 'string' &&
      (text === collapseWhitespace(htmlToPlainText(other)) || text === collapseWhitespace(other)),
  };
}

/** An absolute URL: equal to the expected URL resolved against the same base (WHATWG-normalised). */
export function urlValue(ours: string, base: string): CustomValue {
  return {
    custom: true,
    plain: () => ours,
    equals: (other) => {
      if (typeof other !== 'string') return false;
      try {
        return new URL(other.trim(), base).href === ours;
      } catch {
        return false;
      }
    },
  };
}

/** An author's name: equal to the expected name, or to the name part of `email (Name)` / `Name <email>`. */
export function authorValue(ours: string): CustomValue {
  return {
    custom: true,
    plain: () => ours,
    equals: (other) => {
      if (typeof other !== 'string') return false;
      const expected = collapseWhitespace(other);
      return ours === expected || ours === htmlToInlineText(expected) || authorNames(expected).includes(ours);
    },
  };
}

/** The name (and e-mail) forms an author string can carry. */
function authorNames(author: string): string[] {
  const names: string[] = [];
  const parenthesised = /^(.*?)\s*\((.*)\)\s*$/.exec(author);
  if (parenthesised !== null) names.push(parenthesised[1]!.trim(), parenthesised[2]!.trim());
  const angled = /^(.*?)\s*<([^>]*)>\s*$/.exec(author);
  if (angled !== null) names.push(angled[1]!.trim(), angled[2]!.trim());
  return names.filter((name) => name !== '');
}

/** Python's time.struct_time for a UTC instant: (year, month, day, hour, minute, second, weekday, yearday, 0). */
export function timeTuple(date: Date): PyValue[] {
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  const yearDay =
    Math.floor(
      (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - start) / 86_400_000,
    ) + 1;
  return [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    (date.getUTCDay() + 6) % 7,
    yearDay,
    0,
  ];
}
