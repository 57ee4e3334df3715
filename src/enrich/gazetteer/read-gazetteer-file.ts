/**
 * One gazetteer file read: YAML parsed with line numbers, validated against the record format, and
 * every problem reported with the file and line it is on.
 */
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { type GazetteerEntity, gazetteerFileSchema } from './gazetteer-entity.ts';

/** One thing wrong in a gazetteer file, where a person can find it. */
export interface GazetteerProblem {
  file: string;
  line: number;
  message: string;
}

/** One entity of a file with the lines of the parts later checks point at. */
export interface LocatedEntity {
  entity: GazetteerEntity;
  file: string;
  line: number;
  /** Line of the name (first) and of each alias, in the order of `[name, ...aliases]`. */
  aliasLines: number[];
  /** Line of the parent field (the entity's own line when absent). */
  parentLine: number;
  /** Line of each shared alias. */
  sharedAliasLines: number[];
}

/** The result of reading one file: its entities when valid, else its problems. */
export type ReadFileResult =
  | { entities: LocatedEntity[]; problems: [] }
  | { entities: []; problems: GazetteerProblem[] };

/** A gazetteer file larger than this is refused unread (the shipped files are a few hundred KB). */
export const maxGazetteerFileChars = 8_000_000;
/** YAML aliases (*anchor) expanded per file at most: keeps an alias bomb inert. */
const maxYamlAliasCount = 100;

type YamlPath = (string | number)[];

/** Reads and validates one gazetteer file's text. */
export function readGazetteerFile(file: string, text: string): ReadFileResult {
  if (text.length > maxGazetteerFileChars) {
    return fail(file, 1, `file is ${text.length} characters; the limit is ${maxGazetteerFileChars}`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const line = syntaxError.linePos?.[0].line ?? 1;
    const firstLine = syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return fail(file, line, `YAML syntax error: ${firstLine}`);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: maxYamlAliasCount });
  } catch (error) {
    return fail(file, 1, `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const lineOf = (path: YamlPath) => lineOfPath(document, lineCounter, path);
  const parsed = gazetteerFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const where = path.length === 0 ? 'file' : path.join('.');
      // zod says "expected string, received undefined" for a field left out; say it plainly.
      const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
      return { file, line: lineOf(path), message: `${where}: ${missing ? 'is required' : issue.message}` };
    });
    return { entities: [], problems };
  }
  const entities = parsed.data.entities.map((entity, index) => {
    const at: YamlPath = ['entities', index];
    return {
      entity,
      file,
      line: lineOf(at),
      aliasLines: [lineOf([...at, 'name']), ...entity.aliases.map((_, j) => lineOf([...at, 'aliases', j]))],
      parentLine: lineOf([...at, 'parent']),
      sharedAliasLines: (entity.sharedAliases ?? []).map((_, j) => lineOf([...at, 'sharedAliases', j])),
    };
  });
  return { entities, problems: [] };
}

function fail(file: string, line: number, message: string): ReadFileResult {
  return { entities: [], problems: [{ file, line, message }] };
}

/** The 1-based line of the deepest node on `path` that exists (a missing field points at its entity). */
function lineOfPath(document: Document, lineCounter: LineCounter, path: YamlPath): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range !== undefined && node.range !== null) {
      return lineCounter.linePos(node.range[0]).line;
    }
  }
  return 1;
}
