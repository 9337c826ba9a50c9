#!/usr/bin/env node
// `npx lanyard …` / an installed `lanyard`: the CLI is TypeScript run through tsx, so register
// tsx's loader in this process, then load the entry point. Both resolve from this file, not from
// the working directory, so the command works from any directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
