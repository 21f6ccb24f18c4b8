/** Moved to src/tar/header-block.ts (the one tar reader); kept so existing imports still resolve. */
export { BLOCK, checksumValid, cString, isZeroBlock, padding, readNumber } from '../tar/header-block.js';
