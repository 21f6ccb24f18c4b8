#!/usr/bin/env node
import { createRequire as __layerdiffCreateRequire } from 'node:module';
const require = __layerdiffCreateRequire(import.meta.url);

// src/cli.ts
async function main(_argv) {
  return 2;
}

// src/cli-entry.ts
process.exitCode = await main(process.argv.slice(2));
