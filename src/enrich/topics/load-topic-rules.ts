/**
 * Reading a topic rule file: YAML parsed with line numbers, checked against the format, every term checked
 * (plain words only: nothing a user writes becomes a regular expression unescaped), then all terms
 * compiled into one matcher. Any problem rejects the whole file with TOPIC_RULES_INVALID naming the file
 * and line of each problem, so a caller holding working rules keeps them.
 */
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { AppError } from '../../core/errors.ts';
import { createTermMatcher } from './term-matcher.ts';
import { checkTerm, normalizeTerm } from './topic-term.ts';
import { maxTermsTotal, type TopicRule, type TopicRules, topicRuleFileSchema } from './topic-rules.ts';

/** A rule file larger than this is refused unread (the shipped one is a few KB). */
export const maxRuleFileChars = 1_000_000;
/** YAML aliases (*anchor) expanded at most: keeps an alias bomb inert. */
const maxYamlAliasCount = 100;
/** Problems listed in the message at most; the count of the rest follows. */
const maxListedProblems = 20;

type YamlPath = (string | number)[];

interface Problem {
  line: number;
  message: string;
}

/** Reads, checks and compiles the rules in `text`; throws TOPIC_RULES_INVALID listing every problem with its line. */
export function loadTopicRules(text: string, fileName: string): TopicRules {
  if (typeof text !== 'string' || text.length > maxRuleFileChars)
    throw rulesError(fileName, [
      { line: 1, message: `the file is larger than ${maxRuleFileChars} characters` },
    ]);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const line = syntaxError.linePos?.[0].line ?? 1;
    const message = syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw rulesError(fileName, [{ line, message: `YAML syntax error: ${message}` }]);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: maxYamlAliasCount });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw rulesError(fileName, [{ line: 1, message: `the YAML could not be read: ${detail}` }], error);
  }
  const lineOf = (path: YamlPath) => lineOfPath(document, lineCounter, path);
  const parsed = topicRuleFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
      return {
        line: lineOf(path),
        message: `${describePath(path)}: ${missing ? 'is required' : issue.message}`,
      };
    });
    throw rulesError(fileName, problems);
  }
  const problems: Problem[] = [];
  const termIndex = new Map<string, number>();
  const rules: TopicRule[] = [];
  const seenIds = new Map<string, number>();
  parsed.data.rules.forEach((written, index) => {
    const at: YamlPath = ['rules', index];
    const firstLine = seenIds.get(written.id);
    if (firstLine !== undefined)
      problems.push({
        line: lineOf([...at, 'id']),
        message: `rule id "${written.id}" is used twice (first on line ${firstLine})`,
      });
    else seenIds.set(written.id, lineOf([...at, 'id']));
    const readList = (key: 'terms' | 'requireAny' | 'notTerms', list: readonly string[] | undefined) =>
      readTerms(list ?? [], written.id, key, (j) => lineOf([...at, key, j]), termIndex, problems);
    const terms = readList('terms', written.terms);
    const minTerms = written.minTerms ?? Math.min(2, written.terms.length);
    if (minTerms > written.terms.length)
      problems.push({
        line: lineOf([...at, 'minTerms']),
        message: `rule "${written.id}": minTerms is ${minTerms} but the rule has ${written.terms.length} terms, so it can never fire`,
      });
    rules.push({
      id: written.id,
      topic: written.topic,
      ...(written.description === undefined ? {} : { description: written.description }),
      minTerms,
      titleTerms: written.titleTerms ?? 1,
      terms,
      requireAny: readList('requireAny', written.requireAny),
      notTerms: readList('notTerms', written.notTerms),
    });
  });
  if (termIndex.size > maxTermsTotal)
    problems.push({
      line: 1,
      message: `the file has ${termIndex.size} distinct terms; the limit is ${maxTermsTotal}`,
    });
  if (problems.length > 0) throw rulesError(fileName, problems);
  const terms = [...termIndex.keys()];
  return Object.freeze({
    rules: Object.freeze(rules),
    terms: Object.freeze(terms),
    matcher: createTermMatcher(terms),
    source: fileName,
  });
}

/** Checks one list of terms, records its problems, and returns the terms' indexes in the shared term table. */
function readTerms(
  list: readonly string[],
  ruleId: string,
  key: string,
  lineOfTerm: (index: number) => number,
  termIndex: Map<string, number>,
  problems: Problem[],
): number[] {
  const ids: number[] = [];
  const seen = new Set<string>();
  list.forEach((term, j) => {
    const problem = checkTerm(term);
    if (problem !== undefined) {
      problems.push({ line: lineOfTerm(j), message: `rule "${ruleId}", ${key} "${term}": ${problem}` });
      return;
    }
    const normalized = normalizeTerm(term);
    if (seen.has(normalized)) {
      problems.push({ line: lineOfTerm(j), message: `rule "${ruleId}", ${key} "${term}" is listed twice` });
      return;
    }
    seen.add(normalized);
    let id = termIndex.get(normalized);
    if (id === undefined) {
      id = termIndex.size;
      termIndex.set(normalized, id);
    }
    ids.push(id);
  });
  return ids;
}

function rulesError(fileName: string, problems: Problem[], cause?: unknown): AppError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const listed = sorted
    .slice(0, maxListedProblems)
    .map((problem) => `${fileName} line ${problem.line}: ${problem.message}`);
  if (sorted.length > maxListedProblems)
    listed.push(`… and ${sorted.length - maxListedProblems} more problems`);
  const first = sorted[0]!;
  return new AppError(
    'TOPIC_RULES_INVALID',
    `topic rules in ${fileName} are invalid:\n${listed.join('\n')}`,
    {
      location: { line: first.line },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** "rules[2].terms[4]" for people: rule 3, terms item 5. */
function describePath(path: YamlPath): string {
  if (path.length === 0) return 'the file';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** The 1-based line of the deepest node on `path` that exists (a missing field points at its parent). */
function lineOfPath(document: Document, lineCounter: LineCounter, path: YamlPath): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range !== undefined && node.range !== null)
      return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}
