import { createRequire as __layerdiffCreateRequire } from 'node:module';
const require = __layerdiffCreateRequire(import.meta.url);

// src/main.ts
async function run() {
  throw new Error("not implemented");
}

// src/index.ts
void run();
