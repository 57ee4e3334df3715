/**
 * The facts `extractEvents` finds in news text: who did what to whom, where, when, how many.
 *
 * Phrases are kept as the surface text the sentence used ("the SCNS", "Джалал-Абадской области"); mapping
 * them to gazetteer entities is a later step.
 */

/** The kinds of event wirewatch extracts. */
export const eventTypes = ['arrest', 'attack', 'conviction', 'repatriation', 'ban'] as const;

/** One kind of event: arrest/detention, attack, conviction/sentence, repatriation, ban/designation. */
export type EventType = (typeof eventTypes)[number];

/** One event stated by one sentence. */
export interface EventFact {
  type: EventType;
  /** People detained, killed (attacks: the dead, not the wounded), convicted or repatriated; absent when the sentence gives no exact number. */
  count?: number;
  /** Who acted: "by the U.S. State Department", "Kyrgyz border guards", "gunmen". */
  actor?: string;
  /** The group acted against or banned: "Hizb ut-Tahrir", "the organization". */
  target?: string;
  /** Where, as written: "Jalal-Abad", "the Osh region", "Бишкеке". */
  place?: string;
  /** ISO 8601 date at the precision the sentence gives: "2021", "2021-03" or "2021-03-16". */
  date?: string;
  /** The sentence as read: markup blanked, runs of white space made one space. */
  sentence: string;
  /** Offset of the sentence's first character in the input text (UTF-16 code units, as String indexes). */
  start: number;
  /** Offset just past the sentence's last character: `text.slice(start, end)` is its raw span. */
  end: number;
}

/** Languages with event rules. */
export type EventLanguage = 'en' | 'ru';
