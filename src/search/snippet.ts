/**
 * Query-biased snippets: from an article's text with its matches marked, the passage that shows the
 * most distinct matched words, cut on word boundaries with "..." where it was cut, as the seed page
 * cuts its long articles. Used by every store, so results read the same whatever the backend.
 *
 * Runs ten times a page on whole articles, so it never walks the text character by character: marks
 * are found with indexOf, and whitespace is collapsed only inside the chosen passage.
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

/** Where the next marker of either kind is, from `from` on (-1 when there is none). */
function nextMark(marked: string, from: number): number {
  const start = marked.indexOf(MARK_START, from);
  const end = marked.indexOf(MARK_END, from);
  return start === -1 ? end : end === -1 ? start : Math.min(start, end);
}

/** Splits text with MARK_START/MARK_END into plain text and highlight offsets. */
export function parseMarkedText(marked: string): HighlightedText {
  const highlights: Array<[number, number]> = [];
  let text = '';
  let last = 0;
  let open = -1;
  for (let i = nextMark(marked, 0); i !== -1; i = nextMark(marked, last)) {
    text += marked.slice(last, i);
    last = i + 1;
    if (marked[i] === MARK_START) open = text.length;
    else if (open >= 0) {
      if (text.length > open) highlights.push([open, text.length]);
      open = -1;
    }
  }
  return { text: last === 0 ? marked : text + marked.slice(last), highlights };
}

/** The snippet for one hit: the best passage around the matches, or the lead when nothing matched. */
export function buildSnippet(marked: string, maxLength: number = defaultSnippetLength): HighlightedText {
  const parsed = parseMarkedText(marked);
  const start = parsed.highlights.length === 0 ? 0 : bestWindowStart(parsed, maxLength);
  return cutPassage(parsed, start, maxLength);
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
  const space = context.search(/\s/);
  return space >= 0 ? best.start - context.length + space + 1 : best.start;
}

/** Collapses whitespace runs of `source` within [from, to) to single spaces, moving highlights along. */
function collapseRegion(source: HighlightedText, from: number, to: number): HighlightedText {
  const region = source.text.slice(from, to);
  const runs: Array<[number, number]> = []; // [position in region, characters removed]
  const text = region.replace(/\s+/g, (run, at: number) => {
    if (run !== ' ') runs.push([at, run.length - 1]);
    return ' ';
  });
  const shift = (offset: number) => {
    let moved = offset - from;
    for (const [at, removed] of runs) if (at < offset - from) moved -= Math.min(removed, offset - from - at);
    return moved;
  };
  const highlights = source.highlights
    .filter(([start, end]) => start >= from && end <= to)
    .map(([start, end]): [number, number] => [shift(start), shift(end)]);
  return { text, highlights };
}

/** Cuts about `maxLength` characters from `start`, on word boundaries, with ellipses where cut. */
function cutPassage(source: HighlightedText, start: number, maxLength: number): HighlightedText {
  // Collapse a little more than needed: whitespace runs shrink the passage.
  const end = Math.min(source.text.length, start + maxLength + 200);
  const region = collapseRegion(source, start, end);
  let text = region.text.trimStart();
  const trimmed = region.text.length - text.length;
  let cut = text.length;
  const more = end < source.text.length && source.text.slice(end).trim() !== '';
  if (text.length > maxLength) {
    const lastSpace = text.lastIndexOf(' ', maxLength);
    cut = lastSpace > 0 ? lastSpace : maxLength;
  }
  text = text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '');
  const prefix = start > 0 && source.text.slice(0, start).trim() !== '' ? ellipsis : '';
  const restOfRegion = region.text.slice(trimmed + cut).trim() !== '';
  const suffix = restOfRegion || more ? ellipsis : '';
  const highlights = region.highlights
    .map(([from, to]): [number, number] => [from - trimmed, to - trimmed])
    .filter(([from, to]) => from >= 0 && to <= text.length)
    .map(([from, to]): [number, number] => [from + prefix.length, to + prefix.length]);
  return { text: prefix + text + suffix, highlights };
}
