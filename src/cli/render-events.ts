/**
 * Event facts as terminal text (`wirewatch events`, the events of `wirewatch entities show`): a line
 * of the facts — the article's date, type, count, place, target, actor, a date the sentence states —
 * then the article it was read from and the sentence itself. Everything but the type comes from article text, so control characters go.
 */
import type { ListedEvent } from '../store/enrichment.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Sentences longer than this are cut (with …) in text output; --json has them whole. */
const maxSentenceChars = 400;

/** The day of the article an event was read from (the date its sentence states, if any, is shown apart). */
export function articleDay(event: ListedEvent): string {
  return event.publishedAt?.slice(0, 10) ?? 'undated';
}

/** One event as three lines, indented by `indent`. */
export function renderEvent(event: ListedEvent, indent = ''): string {
  const facts = [
    articleDay(event).padEnd(10),
    event.type.padEnd(12),
    event.count === undefined ? '' : `${event.count}`,
    event.place === undefined ? '' : `in ${clean(event.place)}`,
    event.target === undefined ? '' : `against ${clean(event.target)}`,
    event.actor === undefined ? '' : `by ${clean(event.actor)}`,
    // A date the sentence states may be another day's (an earlier ban, a trial's start).
    event.date === undefined ? '' : `(the sentence says ${event.date})`,
  ].filter((part) => part !== '');
  const sentence = clean(event.sentence);
  return [
    `${indent}${facts.join('  ')}`.trimEnd(),
    `${indent}    ${clean(event.source)} · ${clean(event.articleTitle)} (#${event.articleId})`,
    `${indent}    "${sentence.length > maxSentenceChars ? `${sentence.slice(0, maxSentenceChars)}…` : sentence}"`,
  ].join('\n');
}

function clean(text: string): string {
  return stripControlCharacters(text).replace(/\s+/g, ' ').trim();
}
