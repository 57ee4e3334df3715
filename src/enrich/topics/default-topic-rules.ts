/**
 * The topic rules shipped with wirewatch (default-topics.yaml beside this file), loaded once and checked
 * like any other rule file.
 */
import { readFileSync } from 'node:fs';
import { loadTopicRules } from './load-topic-rules.ts';
import type { TopicRules } from './topic-rules.ts';

/** Where the shipped rules are. */
export const defaultTopicRulesPath = new URL('./default-topics.yaml', import.meta.url);

let loaded: TopicRules | undefined;

/** The shipped rules, read and compiled on first use. */
export function defaultTopicRules(): TopicRules {
  loaded ??= loadTopicRules(readFileSync(defaultTopicRulesPath, 'utf8'), 'default-topics.yaml');
  return loaded;
}
