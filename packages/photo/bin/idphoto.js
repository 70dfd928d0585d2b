#!/usr/bin/env node
// The `idphoto` command. The package ships TypeScript sources (no build step): register tsx's ESM hooks,
// then run src/cli.ts. cli.ts exports `main(argv)` resolving to the exit code and must not run on import.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
