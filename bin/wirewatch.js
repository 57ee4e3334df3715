#!/usr/bin/env node
// The wirewatch command. Sources are TypeScript run through tsx, so `npm install` is the whole set-up.
// The project's tsconfig is named explicitly: tsx would otherwise look in the working directory, and
// the pages' JSX (preact) compiles only with the project's settings.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
