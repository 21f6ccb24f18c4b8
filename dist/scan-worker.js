import { createRequire as __layerdiffCreateRequire } from 'node:module';
const require = __layerdiffCreateRequire(import.meta.url);
