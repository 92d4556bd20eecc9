#!/usr/bin/env node
// Node 20 cannot run TypeScript: register tsx (a runtime dependency), then load the CLI from its sources.
// The tsconfig is named so that `pactsafs` behaves the same from any working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { runCli } = await import('../control-plane/cli/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
