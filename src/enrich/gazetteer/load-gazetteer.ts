/**
 * The gazetteer: every entity of every file, checked as a whole.
 *
 * Loading is all or nothing. Any problem (YAML syntax, a missing or misspelt field, an unknown
 * parent, an id or an alias used twice) rejects the whole set with a GAZETTEER_INVALID error that
 * names the file and line of each problem, so a caller holding a working gazetteer keeps it.
 *
 * Ambiguity: every alias (names included), once folded (case, ё, diacritics, hyphens), belongs to
 * exactly one entity. A name that means two things ("Osh" the city and the region) is kept on one
 * of them by the rules in ./entities/README.md; the other lists it under `sharedAliases`, which
 * must name an alias some other entity holds and is never matched.
 */
import { AppError } from '../../core/errors.ts';
import { foldAlias } from './fold-alias.ts';
import type { GazetteerEntity } from './gazetteer-entity.ts';
import { type GazetteerProblem, type LocatedEntity, readGazetteerFile } from './read-gazetteer-file.ts';

/** Where an entity is written. */
export interface EntitySource {
  file: string;
  line: number;
}

/** A loaded, consistent gazetteer (immutable). */
export interface Gazetteer {
  readonly entities: readonly GazetteerEntity[];
  readonly byId: ReadonlyMap<string, GazetteerEntity>;
  readonly sourceOf: ReadonlyMap<string, EntitySource>;
  /** Every folded name and alias → the id of the one entity it belongs to. */
  readonly aliasIndex: ReadonlyMap<string, string>;
}

/** A gazetteer file's name (for messages) and text. */
export interface GazetteerFile {
  name: string;
  text: string;
}

/** Problems listed in the error message at most; the count of the rest follows. */
const maxListedProblems = 20;
/** Parent chains longer than this are a cycle or a mistake (country → region → district is 3). */
const maxParentDepth = 8;

/** Builds the gazetteer from its files; throws GAZETTEER_INVALID listing every problem with file and line. */
export function loadGazetteer(files: readonly GazetteerFile[]): Gazetteer {
  const located: LocatedEntity[] = [];
  const problems: GazetteerProblem[] = [];
  for (const file of files) {
    const result = readGazetteerFile(file.name, file.text);
    located.push(...result.entities);
    problems.push(...result.problems);
  }
  const byId = indexIds(located, problems);
  const aliasIndex = indexAliases(located, problems);
  checkParents(located, byId, problems);
  checkSharedAliases(located, aliasIndex, problems);
  if (problems.length > 0) throw gazetteerError(problems);
  return Object.freeze({
    entities: Object.freeze(located.map((item) => item.entity)),
    byId: new Map([...byId].map(([id, item]) => [id, item.entity])),
    sourceOf: new Map(located.map((item) => [item.entity.id, { file: item.file, line: item.line }])),
    aliasIndex: new Map([...aliasIndex].map(([folded, owner]) => [folded, owner.item.entity.id])),
  });
}

/** The entity an alias (any spelling that folds to a listed one) belongs to. */
export function findEntityByAlias(gazetteer: Gazetteer, alias: string): GazetteerEntity | undefined {
  const id = gazetteer.aliasIndex.get(foldAlias(alias));
  return id === undefined ? undefined : gazetteer.byId.get(id);
}

function at(file: string, line: number): string {
  return `${file} line ${line}`;
}

function indexIds(located: LocatedEntity[], problems: GazetteerProblem[]): Map<string, LocatedEntity> {
  const byId = new Map<string, LocatedEntity>();
  for (const item of located) {
    const first = byId.get(item.entity.id);
    if (first === undefined) byId.set(item.entity.id, item);
    else
      problems.push({
        file: item.file,
        line: item.line,
        message: `duplicate id '${item.entity.id}' (first defined at ${at(first.file, first.line)})`,
      });
  }
  return byId;
}

interface AliasOwner {
  item: LocatedEntity;
  alias: string;
  line: number;
}

function indexAliases(located: LocatedEntity[], problems: GazetteerProblem[]): Map<string, AliasOwner> {
  const owners = new Map<string, AliasOwner>();
  for (const item of located) {
    const names = [item.entity.name, ...item.entity.aliases];
    names.forEach((alias, index) => {
      const line = item.aliasLines[index] ?? item.line;
      const folded = foldAlias(alias);
      const owner = owners.get(folded);
      if (owner === undefined) {
        owners.set(folded, { item, alias, line });
        return;
      }
      const sameEntity = owner.item.entity.id === item.entity.id;
      problems.push({
        file: item.file,
        line,
        message: sameEntity
          ? `alias '${alias}' of ${item.entity.id} repeats '${owner.alias}' (${at(owner.item.file, owner.line)}): they fold to the same words`
          : `duplicate alias '${alias}' of ${item.entity.id}: '${owner.alias}' at ${at(owner.item.file, owner.line)} already names ${owner.item.entity.id} (keep it on one entity; list it under sharedAliases on the other)`,
      });
    });
  }
  return owners;
}

function checkParents(
  located: LocatedEntity[],
  byId: Map<string, LocatedEntity>,
  problems: GazetteerProblem[],
): void {
  for (const item of located) {
    const parentId = item.entity.parent;
    if (parentId === undefined) continue;
    if (!byId.has(parentId)) {
      problems.push({
        file: item.file,
        line: item.parentLine,
        message: `unknown parent '${parentId}' of ${item.entity.id}: no entity has that id`,
      });
      continue;
    }
    let current: string | undefined = parentId;
    for (let depth = 0; current !== undefined; depth += 1) {
      if (current === item.entity.id || depth > maxParentDepth) {
        problems.push({
          file: item.file,
          line: item.parentLine,
          message: `parent chain of ${item.entity.id} loops back or is deeper than ${maxParentDepth}`,
        });
        break;
      }
      current = byId.get(current)?.entity.parent;
    }
  }
}

function checkSharedAliases(
  located: LocatedEntity[],
  owners: Map<string, AliasOwner>,
  problems: GazetteerProblem[],
): void {
  for (const item of located) {
    (item.entity.sharedAliases ?? []).forEach((alias, index) => {
      const owner = owners.get(foldAlias(alias));
      const line = item.sharedAliasLines[index] ?? item.line;
      if (owner === undefined)
        problems.push({
          file: item.file,
          line,
          message: `shared alias '${alias}' of ${item.entity.id} is no other entity's alias (make it an alias, or name the entity that holds it)`,
        });
      else if (owner.item.entity.id === item.entity.id)
        problems.push({
          file: item.file,
          line,
          message: `shared alias '${alias}' of ${item.entity.id} is its own alias; shared aliases are the ones another entity holds`,
        });
    });
  }
}

function gazetteerError(problems: GazetteerProblem[]): AppError {
  const listed = problems
    .slice(0, maxListedProblems)
    .map((problem) => `${at(problem.file, problem.line)}: ${problem.message}`);
  const rest = problems.length - listed.length;
  const summary = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  const message = `gazetteer rejected (${summary}): ${listed.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
  return new AppError('GAZETTEER_INVALID', message, { location: { line: problems[0]!.line } });
}
