// The term-presence worker's entry point. Node 20 does not apply `--import` loaders to a worker's own
// entry module, so this plain module registers tsx first (with the project's tsconfig, as
// bin/wirewatch.js does) and then loads the TypeScript worker.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
await import('./term-presence-worker.ts');
