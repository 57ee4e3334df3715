/**
 * Query-biased snippets: from an article's text with its matches marked, the passage that shows the
 * most distinct matched words, cut on word boundaries with "..." where it was cut, as the seed page
 * cuts its long articles. Used by every store, so results read the same whatever the backend.
 */
import { MARK_END, MARK_START } from '../store/store.ts';

/** A piece of text and where its highlighted matches are, as [start, end) character offsets. */
export interface HighlightedText {
  text: string;
  highlights: Array<[number, number]>;
}

/** Default snippet length in characters (without the ellipses); 40..2000 is sensible. */
export const defaultSnippetLength = 300;

/** The ellipsis marking cut text, as the seed page writes it. */
const ellipsis = '...';

/** How far before the first match the snippet may start, to begin at a sentence when one is close. */
const sentenceLookBehind = 80;

/** Splits text with MARK_START/MARK_END into plain text and highlight offsets. */
export function parseMarkedText(marked: string): HighlightedText {
  let text = '';
  const highlights: Array<[number, number]> = [];
  let start = -1;
  let last = 0;
  for (let i = 0; i < marked.length; i++) {
    const char = marked[i];
    if (char !== MARK_START && char !== MARK_END) continue;
    text += marked.slice(last, i);
    last = i + 1;
    if (char === MARK_START) start = text.length;
    else if (start >= 0) {
      if (text.length > start) highlights.push([start, text.length]);
      start = -1;
    }
  }
  text += marked.slice(last);
  return { text, highlights };
}

/** The snippet for one hit: the best passage around the matches, or the lead when nothing matched. */
export function buildSnippet(marked: string, maxLength: number = defaultSnippetLength): HighlightedText {
  // Whitespace is collapsed on the marked string, before offsets exist, so nothing needs remapping.
  const clean = parseMarkedText(marked.replace(/\s+/g, ' ').trim());
  if (clean.text.length <= maxLength) return clean;
  if (clean.highlights.length === 0) return cutPassage(clean, 0, maxLength);
  return cutPassage(clean, bestWindowStart(clean, maxLength), maxLength);
}

/** The window start (at a match) that covers the most distinct matched words, then the most matches. */
function bestWindowStart({ text, highlights }: HighlightedText, maxLength: number): number {
  let best = { start: highlights[0]![0], distinct: 0, count: 0 };
  for (let i = 0; i < highlights.length; i++) {
    const start = highlights[i]![0];
    const words = new Set<string>();
    let count = 0;
    for (let j = i; j < highlights.length && highlights[j]![1] <= start + maxLength; j++) {
      words.add(text.slice(highlights[j]![0], highlights[j]![1]).toLowerCase());
      count++;
    }
    if (words.size > best.distinct || (words.size === best.distinct && count > best.count)) {
      best = { start, distinct: words.size, count };
    }
  }
  // Start at the sentence holding the first match when it begins close enough before it.
  const from = Math.max(0, best.start - sentenceLookBehind);
  const before = text.slice(from, best.start);
  const sentence = before.search(/[.!?…]["”’)]?\s+[^.!?…]*$/);
  if (sentence >= 0) return from + sentence + before.slice(sentence).search(/\s/) + 1;
  if (from === 0) return 0;
  // Otherwise show a few words of context before the match.
  const context = text.slice(Math.max(0, best.start - 40), best.start);
  const space = context.indexOf(' ');
  return space >= 0 ? best.start - context.length + space + 1 : best.start;
}

/** Cuts `maxLength` characters from `start`, backing off to word boundaries, adding ellipses. */
function cutPassage(source: HighlightedText, start: number, maxLength: number): HighlightedText {
  const { text } = source;
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length) {
    const lastSpace = text.lastIndexOf(' ', end);
    if (lastSpace > start) end = lastSpace;
  }
  const body = text.slice(start, end).replace(/[\s,;:–—-]+$/u, '');
  const prefix = start > 0 ? ellipsis : '';
  const suffix = start + body.length < text.length ? ellipsis : '';
  const highlights = source.highlights
    .filter(([from, to]) => from >= start && to <= start + body.length)
    .map(([from, to]): [number, number] => [from - start + prefix.length, to - start + prefix.length]);
  return { text: prefix + body + suffix, highlights };
}
