import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppError, isAppError } from '../../core/errors.ts';
import { loadTopicRules, maxRuleFileChars } from './load-topic-rules.ts';

const valid = `version: 1
rules:
  - id: arrests
    topic: arrests
    terms: [detain*, задерж*, arrest*]
  - id: bans
    topic: bans
    minTerms: 1
    titleTerms: 0
    terms: [banned]
    requireAny: [extremist]
    notTerms: [football]
`;

/** The error loadTopicRules throws for `text`. */
function rejection(text: string): AppError {
  try {
    loadTopicRules(text, 'rules.yaml');
  } catch (error) {
    assert.ok(isAppError(error, 'TOPIC_RULES_INVALID'), String(error));
    return error;
  }
  assert.fail('the rules were accepted');
}

describe('loadTopicRules', () => {
  it('loads a valid file, with defaults and shared term indexes', () => {
    const rules = loadTopicRules(valid, 'rules.yaml');
    assert.equal(rules.source, 'rules.yaml');
    assert.deepEqual(
      rules.rules.map((rule) => [rule.id, rule.topic, rule.minTerms, rule.titleTerms, rule.terms.length]),
      [
        ['arrests', 'arrests', 2, 1, 3],
        ['bans', 'bans', 1, 0, 1],
      ],
    );
    assert.deepEqual(rules.terms, ['detain*', 'задерж*', 'arrest*', 'banned', 'extremist', 'football']);
    assert.ok(Object.isFrozen(rules));
  });

  it('reports a YAML syntax error with its line', () => {
    const error = rejection('version: 1\nrules:\n  - id: a\n    topic: [unclosed\n');
    assert.match(error.message, /rules\.yaml line \d+: YAML syntax error/);
    assert.ok((error.location?.line ?? 0) >= 4);
  });

  it('reports a misspelt field, a wrong type and a missing field on their lines', () => {
    const error = rejection(
      'version: 1\nrules:\n  - id: a\n    topic: a\n    terms: [x1x]\n    minTerm: 2\n  - id: b\n    topic: 5\n    terms: [y]\n  - id: c\n    terms: [z]\n',
    );
    assert.match(error.message, /line 3: rules\[0\]: Unrecognized key: "minTerm"/);
    assert.match(error.message, /line 8: rules\[1\]\.topic: /);
    assert.match(error.message, /line 10: rules\[2\]\.topic: is required/);
    assert.equal(error.location?.line, 3);
  });

  it('refuses a regular expression as a term, naming the rule, the term and the line', () => {
    const error = rejection(
      'version: 1\nrules:\n  - id: a\n    topic: a\n    terms:\n      - fine\n      - "(a+)+$"\n',
    );
    assert.match(error.message, /line 7: rule "a", terms "\(a\+\)\+\$": looks like a regular expression/);
  });

  it('refuses a rule id used twice, a term listed twice, and a minTerms that can never be met', () => {
    const error = rejection(
      'version: 1\nrules:\n  - id: a\n    topic: a\n    terms: [x1, x1]\n  - id: a\n    topic: b\n    minTerms: 3\n    terms: [y1, y2]\n',
    );
    assert.match(error.message, /line 5: rule "a", terms "x1" is listed twice/);
    assert.match(error.message, /line 6: rule id "a" is used twice \(first on line 3\)/);
    assert.match(error.message, /line 8: rule "a": minTerms is 3 but the rule has 2 terms/);
  });

  it('refuses a wrong version, a file that is not a mapping, an empty file, a huge file and an alias bomb', () => {
    assert.match(rejection('version: 2\nrules: []\n').message, /version: must be 1/);
    assert.match(rejection('- just\n- a list\n').message, /line 1: the file: /);
    assert.match(rejection('').message, /the file: /);
    assert.match(rejection('#'.repeat(maxRuleFileChars + 1)).message, /larger than/);
    const bomb = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    assert.match(rejection(bomb.join('\n')).message, /could not be read|Excessive alias/);
  });

  it('lists at most 20 problems, then the count of the rest', () => {
    const rules = Array.from(
      { length: 25 },
      (_, i) => `  - id: r${i}\n    topic: t\n    terms: ["bad("]`,
    ).join('\n');
    const error = rejection(`version: 1\nrules:\n${rules}\n`);
    assert.match(error.message, /… and 5 more problems$/);
  });
});
