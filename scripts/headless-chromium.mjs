/**
 * Headless Chromium as layerdiff's scripts and tests run it (Debian's `chromium`, as root, on a
 * closed network): no sandbox, no GPU, and none of the background connections (QUIC, component
 * updates, sync) that this machine's network refuses many at a time. Callers add a fresh, empty
 * `--user-data-dir`. Used by scripts/screenshot.mjs and the headline-width and Mermaid tests.
 */
export const HEADLESS_CHROMIUM_FLAGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
