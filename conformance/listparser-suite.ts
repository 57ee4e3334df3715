/**
 * listparser's OPML cases through parseOpml: each file's `Eval:` lines (Python over `result`) are
 * read like feedparser's expectations. Only what parseOpml returns is checked: the feeds' titles,
 * URLs and category paths, and how many feeds there are; cases about list metadata, tags, included
 * lists or "opportunities" are skipped as not stored.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isAppError } from '../src/core/errors.ts';
import type { OpmlDocument } from '../src/ingest/feeds/parse-opml.ts';
import { parseOpml } from '../src/ingest/feeds/parse-opml.ts';
import { titleValue, urlValue } from './compare-fields.ts';
import { listFiles } from './feedparser-cases.ts';
import {
  fieldPaths,
  holds,
  type PyNode,
  type PyValue,
  parsePython,
  UnsupportedExpression,
} from './python-eval.ts';
import type { CaseResult } from './results.ts';

/** The field a `result[...]` path reads, `unstored:<key>`, or undefined for bozo. */
function fieldOf(root: string, keys: string[]): string | undefined {
  if (root !== 'result') return `unstored:${root}`;
  const [key, sub] = keys;
  if (key === 'bozo') return undefined;
  if (key !== 'feeds') return `unstored:${key ?? ''}`;
  if (sub === undefined) return 'opml-feeds';
  if (sub === 'title') return 'opml-title';
  if (sub === 'url') return 'opml-url';
  if (sub === 'categories') return 'opml-categories';
  return `unstored:feeds.${sub}`;
}

/** Runs every OPML case under `root` (the corpus's listparser-opml folder); RDF/FOAF lists are not OPML and are left out. */
export function runListparserSuite(root: string): CaseResult[] {
  const files = [...listFiles(join(root, 'opml'), ['.xml']), ...listFiles(join(root, 'malformed'), ['.xml'])];
  return files.map((file) => runCase(root, file));
}

function runCase(root: string, file: string): CaseResult {
  const name = relative(root, file);
  const text = readFileSync(file, 'utf8');
  const evals = [...text.matchAll(/^\s*Eval:\s*(.+?)\s*$/gm)].map((match) => match[1]!);
  const base = { corpus: 'listparser', name };
  let expressions: PyNode[];
  try {
    expressions = evals.map(parsePython);
  } catch (error) {
    return { ...base, field: 'unsupported', status: 'skip', reason: (error as Error).message };
  }
  const fields = [
    ...new Set(expressions.flatMap((node) => fieldPaths(node).map((path) => fieldOf(path.root, path.keys)))),
  ].filter((field): field is string => field !== undefined);
  const unstored = fields.find((field) => field.startsWith('unstored:'));
  if (unstored !== undefined)
    return { ...base, field: unstored, status: 'skip', reason: 'reads what parseOpml does not return' };
  if (fields.length === 0) return { ...base, field: 'none', status: 'skip', reason: 'reads bozo only' };
  let document: OpmlDocument | undefined;
  let error: string | undefined;
  try {
    document = parseOpml(text);
  } catch (caught) {
    if (!isAppError(caught)) throw caught;
    error = caught.message;
  }
  const scope = { result: resultView(document) };
  try {
    const failed = evals.find((_source, index) => !holds(expressions[index]!, scope));
    return failed === undefined
      ? { ...base, field: fields[0]!, status: 'pass' }
      : { ...base, field: fields[0]!, status: 'fail', reason: error ?? failed };
  } catch (caught) {
    if (caught instanceof UnsupportedExpression)
      return { ...base, field: 'unsupported', status: 'skip', reason: caught.message };
    throw caught;
  }
}

/** listparser's result shape for what parseOpml returned (bozo when it refused the file). */
function resultView(document: OpmlDocument | undefined): PyValue {
  if (document === undefined) return { bozo: true, feeds: [] };
  return {
    bozo: false,
    feeds: document.feeds.map((feed) => ({
      title: titleValue(feed.title),
      url: urlValue(feed.xmlUrl, feed.xmlUrl),
      categories: feed.categories,
    })),
  };
}
