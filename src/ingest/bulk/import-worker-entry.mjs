// The import worker's entry point. Node 20 does not apply `--import` loaders to a worker's own entry
// module, so this plain module registers tsx first and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
