#!/usr/bin/env node
// The wirewatch command. Sources are TypeScript run through tsx, so `npm install` is the whole set-up.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
