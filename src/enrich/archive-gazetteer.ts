/**
 * Which gazetteer an archive uses: the one shipped with wirewatch (src/enrich/gazetteer/entities/,
 * loaded again when a release changes it), or one a user loaded from a directory of their own
 * (`wirewatch entities load DIR`), which then stays until the user loads another. Every ingest hook
 * and every enrichment command asks here first, so a user's gazetteer is never replaced behind
 * their back by the shipped one.
 *
 * The two are told apart by the source mark the archive keeps with its gazetteer: the shipped
 * loader marks with 48 bits of a hash of the files, a user's load with the same kind of hash plus
 * `userGazetteerMark`, so every mark at or above it is a user's.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import type { Actor } from '../store/accounts.ts';
import type { GazetteerChange } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { ensureShippedGazetteer, type GazetteerCheck } from './enrich-archive.ts';
import { loadGazetteer } from './gazetteer/load-gazetteer.ts';
import { readGazetteerDirectory } from './gazetteer/load-gazetteer-directory.ts';
import { toEntityRecords } from './gazetteer/to-entity-records.ts';

/** Source marks from here up belong to gazetteers a user loaded (both stores keep up to 2^53 exactly). */
export const userGazetteerMark = 2 ** 48;

/** What the archive's gazetteer is, as far as loading goes. */
export interface ArchiveGazetteerCheck extends GazetteerCheck {
  /** True when the archive uses a gazetteer a user loaded (the shipped one is then left alone). */
  userLoaded: boolean;
}

/** True when the archive's gazetteer was loaded by a user from their own directory. */
export async function hasUserGazetteer(store: Store): Promise<boolean> {
  const mark = await store.enrichment.gazetteerSource();
  return mark !== null && mark >= userGazetteerMark;
}

/**
 * Makes sure the archive has its gazetteer: a user's loaded one is kept as it is; otherwise the
 * shipped one is loaded when the archive has none or an older release's (ensureShippedGazetteer).
 * A broken shipped file throws GAZETTEER_INVALID and changes nothing.
 */
export async function ensureArchiveGazetteer(store: Store): Promise<ArchiveGazetteerCheck> {
  if (await hasUserGazetteer(store)) {
    return { loaded: false, userLoaded: true, version: await store.enrichment.gazetteerVersion() };
  }
  return { ...(await ensureShippedGazetteer(store)), userLoaded: false };
}

/** What loading a user's gazetteer did. */
export interface UserGazetteerLoad extends GazetteerChange {
  /** Entities in the loaded gazetteer. */
  entities: number;
  /** The *.yaml files it was read from. */
  files: string[];
}

/**
 * Loads the gazetteer in `directory` (the shipped format, see src/enrich/gazetteer/entities/README.md)
 * as the archive's gazetteer, in place of the shipped one or an earlier load. All or nothing: a
 * syntax error, a bad field, an alias naming two entities (GAZETTEER_INVALID, with file and line) or
 * a clash with a user's own entities refuses the load and the archive keeps the gazetteer it had.
 * With `actor`, the load is audited (`gazetteer.load`, the directory as its target) in its transaction.
 */
export async function loadUserGazetteer(
  store: Store,
  directory: string,
  actor?: Actor,
): Promise<UserGazetteerLoad> {
  const files = await readGazetteerDirectory(directory);
  if (files.length === 0)
    throw new AppError('GAZETTEER_INVALID', `gazetteer directory ${directory} has no .yaml file`);
  const records = toEntityRecords(loadGazetteer(files));
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.name).update('\u0000').update(file.text).update('\u0000');
  const mark = userGazetteerMark + Number.parseInt(hash.digest('hex').slice(0, 12), 16);
  const fileCount = files.length === 1 ? '1 file' : `${files.length} files`;
  const change = await store.enrichment.loadGazetteer(
    records,
    mark,
    actor === undefined
      ? undefined
      : { actor, action: 'gazetteer.load', target: directory, detail: `a user's gazetteer, ${fileCount}` },
  );
  return { ...change, entities: records.length, files: files.map((file) => file.name) };
}

/**
 * Goes back to the shipped gazetteer after a user's load (`wirewatch entities load --shipped`):
 * it is loaded whatever the archive had, keeping users' own entities and spellings. With `actor`, the
 * load is audited (`gazetteer.load`, target `shipped`).
 */
export async function restoreShippedGazetteer(store: Store, actor?: Actor): Promise<GazetteerCheck> {
  // ensureShippedGazetteer reloads whenever the mark is not the shipped files' own, which a user's never is.
  return ensureShippedGazetteer(
    store,
    undefined,
    actor === undefined
      ? undefined
      : {
          actor,
          action: 'gazetteer.load',
          target: 'shipped',
          detail: 'the gazetteer shipped with wirewatch',
        },
  );
}
