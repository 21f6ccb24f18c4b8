// Kept in step with package.json by the build (scripts/build.mjs checks it).
export const VERSION = '0.1.0';
