#!/usr/bin/env node
// The `tailor` command. TypeScript runs through tsx, the same loader `npm start` uses.
import { register } from 'tsx/esm/api';

register();
await import('../cli.ts');
