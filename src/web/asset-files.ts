/**
 * The desk's static files (src/web/assets/), read once at start. Pages link them with a content hash
 * in the query (`/assets/desk.css?v=1a2b3c4d`), so a linked version can be cached for a year and a
 * changed file is fetched afresh.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One served file. */
export interface AssetFile {
  body: Buffer;
  contentType: string;
  /** First 12 hex digits of the SHA-256 of the body. */
  hash: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

const assetDirectory = fileURLToPath(new URL('./assets/', import.meta.url));

function loadAssets(): ReadonlyMap<string, AssetFile> {
  const files = new Map<string, AssetFile>();
  for (const name of readdirSync(assetDirectory)) {
    const contentType = contentTypes[extname(name)];
    if (!contentType) continue;
    const body = readFileSync(join(assetDirectory, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    files.set(name, { body, contentType, hash });
  }
  return files;
}

/** Every asset by file name (`desk.css`). */
export const assetFiles = loadAssets();

/** The versioned link to an asset; throws for a name that is not in src/web/assets/ (a programming error). */
export function assetHref(name: string): string {
  const file = assetFiles.get(name);
  if (!file) throw new Error(`no asset named ${name} in src/web/assets/`);
  return `/assets/${name}?v=${file.hash}`;
}
