/**
 * Tagging an article with topics: every rule whose terms occur often enough in the title and text fires,
 * and the tag keeps the rule's id and the words that fired it, so a reader can see why.
 */
import { maskMarkup } from '../events/mask-markup.ts';
import type { TermHit, TermHits } from './term-matcher.ts';
import type { TopicRule, TopicRules } from './topic-rules.ts';

/** A topic an article was tagged with and why. */
export interface TopicTag {
  topic: string;
  /** The id of the rule that fired. */
  rule: string;
  /** The words that fired it, as the article wrote them, comma-separated (title words first). */
  evidence: string;
}

/** Words listed as evidence at most. */
const maxEvidenceWords = 8;

/**
 * The tags the rules give an article: one per rule that fires, in the rules' order (a topic may come from
 * several rules). A rule fires when at least `minTerms` of its terms occur in the title or text, or
 * `titleTerms` (> 0) occur in the title alone; and, when it has them, one of `requireAny` occurs and none
 * of `notTerms`. HTML remnants are read as text; text past the matcher's bound is not read.
 */
export function tagTopics(text: string, title: string, rules: TopicRules): TopicTag[] {
  const titleHits = rules.matcher.findTerms(maskMarkup(typeof title === 'string' ? title : ''));
  const textHits = rules.matcher.findTerms(maskMarkup(typeof text === 'string' ? text : ''));
  if (titleHits.size === 0 && textHits.size === 0) return [];
  const tags: TopicTag[] = [];
  for (const rule of rules.rules) {
    const found = foundTerms(rule.terms, titleHits, textHits);
    const inTitle = rule.terms.filter((term) => titleHits.has(term)).length;
    const enough = found.length >= rule.minTerms || (rule.titleTerms > 0 && inTitle >= rule.titleTerms);
    if (!enough) continue;
    if (rule.requireAny.length > 0 && foundTerms(rule.requireAny, titleHits, textHits).length === 0) continue;
    if (foundTerms(rule.notTerms, titleHits, textHits).length > 0) continue;
    tags.push({ topic: rule.topic, rule: rule.id, evidence: evidence(rule, found, titleHits, textHits) });
  }
  return tags;
}

/** The terms of `ids` found in the title or the text. */
function foundTerms(ids: readonly number[], titleHits: TermHits, textHits: TermHits): number[] {
  return ids.filter((id) => titleHits.has(id) || textHits.has(id));
}

/** The words that fired the rule, as written: title words, then text words, each in order of position. */
function evidence(rule: TopicRule, found: number[], titleHits: TermHits, textHits: TermHits): string {
  const words: string[] = [];
  const add = (hits: TermHit[]) => {
    for (const hit of hits.sort((a, b) => a.at - b.at))
      if (!words.some((known) => known.toLowerCase() === hit.surface.toLowerCase())) words.push(hit.surface);
  };
  const hitsOf = (hits: TermHits, ids: readonly number[]) => ids.flatMap((id) => hits.get(id) ?? []);
  add(hitsOf(titleHits, found));
  add(hitsOf(textHits, found));
  const context = rule.requireAny.find((id) => titleHits.has(id) || textHits.has(id));
  if (context !== undefined) add([titleHits.get(context) ?? textHits.get(context)!]);
  return words.slice(0, maxEvidenceWords).join(', ');
}
