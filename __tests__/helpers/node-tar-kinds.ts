import { EntryKind } from '../../src/layers/layer-index.js';

/** node-tar's entry `type` names, as layerdiff's entry kinds: the oracle's side of the differential tar tests. */
export const NODE_TAR_KINDS: Readonly<Record<string, number>> = {
  File: EntryKind.file,
  OldFile: EntryKind.file,
  ContiguousFile: EntryKind.file,
  Directory: EntryKind.dir,
  SymbolicLink: EntryKind.symlink,
  Link: EntryKind.hardlink,
  FIFO: EntryKind.fifo,
  CharacterDevice: EntryKind.char,
  BlockDevice: EntryKind.block,
};
