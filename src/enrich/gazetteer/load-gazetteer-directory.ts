/**
 * The gazetteer files on disk: the shipped set in ./entities/ (editable YAML, one file per kind
 * of entity) or any directory of *.yaml files, read in name order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors.ts';
import { type Gazetteer, type GazetteerFile, loadGazetteer } from './load-gazetteer.ts';

/** The directory of the gazetteer shipped with wirewatch. */
export const shippedGazetteerDirectory = fileURLToPath(new URL('./entities/', import.meta.url));

/** Every *.yaml / *.yml file of `directory`, by name, decoded as UTF-8 (invalid bytes are refused). */
export async function readGazetteerDirectory(directory: string): Promise<GazetteerFile[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch (error) {
    throw new AppError('GAZETTEER_INVALID', `gazetteer directory ${directory} cannot be read`, {
      cause: error,
    });
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(directory, name));
      try {
        return { name, text: decoder.decode(bytes) };
      } catch (error) {
        throw new AppError('GAZETTEER_INVALID', `${name} is not valid UTF-8`, { cause: error });
      }
    }),
  );
}

/** Loads the gazetteer of `directory` (the shipped one by default); GAZETTEER_INVALID on any problem. */
export async function loadGazetteerDirectory(
  directory: string = shippedGazetteerDirectory,
): Promise<Gazetteer> {
  const files = await readGazetteerDirectory(directory);
  if (files.length === 0)
    throw new AppError('GAZETTEER_INVALID', `gazetteer directory ${directory} has no .yaml file`);
  return loadGazetteer(files);
}
