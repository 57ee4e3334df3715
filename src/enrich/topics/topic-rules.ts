/**
 * Topic rules as data: each rule tags articles with one topic when enough of its terms occur, and is kept
 * by id so a tag can say which rule made it. Rules live in a YAML file (default-topics.yaml ships with
 * wirewatch); see load-topic-rules.ts for how a file is checked.
 */
import { z } from 'zod';
import type { TermMatcher } from './term-matcher.ts';

/** The rule file format version this code reads. */
export const topicRulesVersion = 1;
/** Rules in one file at most. */
export const maxRules = 500;
/** Terms in one file at most (all rules). */
export const maxTermsTotal = 10_000;

const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** One rule as written in the file. */
export const topicRuleSchema = z
  .object({
    /** Unique in the file; shown as the reason for a tag. */
    id: z.string().regex(idPattern, 'must be lowercase letters, digits and hyphens (at most 64)'),
    /** The topic the rule tags with; several rules may tag the same topic. */
    topic: z.string().regex(idPattern, 'must be lowercase letters, digits and hyphens (at most 64)'),
    description: z.string().max(500).optional(),
    /** Words, phrases or stems ending in * (English, Russian, any script). */
    terms: z.array(z.string()).min(1, 'needs at least one term').max(2_000),
    /** Distinct terms that must occur in the title or text (1 to the number of terms; default 2, or 1 for a one-term rule). */
    minTerms: z.number().int().min(1).optional(),
    /** Distinct terms in the title that fire the rule on their own (0: the title alone never does; default 1). */
    titleTerms: z.number().int().min(0).optional(),
    /** At least one of these must also occur (context: "Syria" for a rule on fighters). */
    requireAny: z.array(z.string()).min(1).max(2_000).optional(),
    /** None of these may occur (sport for a rule on attacks). */
    notTerms: z.array(z.string()).min(1).max(2_000).optional(),
  })
  .strict();

/** A rule file as written. */
export const topicRuleFileSchema = z
  .object({
    version: z.literal(topicRulesVersion, { message: `must be ${topicRulesVersion}` }),
    rules: z.array(topicRuleSchema).max(maxRules, `at most ${maxRules} rules`),
  })
  .strict();

/** One rule, checked, with its terms as indexes into the compiled matcher's terms. */
export interface TopicRule {
  id: string;
  topic: string;
  description?: string;
  minTerms: number;
  titleTerms: number;
  terms: readonly number[];
  requireAny: readonly number[];
  notTerms: readonly number[];
}

/** A loaded rule set: its rules and the one matcher for all their terms. Immutable. */
export interface TopicRules {
  readonly rules: readonly TopicRule[];
  /** Every distinct normalised term, by index. */
  readonly terms: readonly string[];
  readonly matcher: TermMatcher;
  /** The file the rules came from, for messages. */
  readonly source: string;
}
