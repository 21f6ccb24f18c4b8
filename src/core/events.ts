/**
 * What the engine tells the shell while it works, as typed values. The shell (CLI or action)
 * chooses what to show and words it (src/report/progress-text.ts); nothing downstream parses text.
 */
export type EngineEvent =
  /** A layer is about to be decompressed to learn its size. `layer` counts from 1. */
  | { kind: 'measuring'; image: string; layer: number; of: number; storedBytes: number | null }
  /** Uncompressed bytes so far of the layer being measured (every 64 MiB). */
  | { kind: 'decompressed'; image: string; layer: number; of: number; bytes: number }
  /** `--estimate-pull`: a layer stored uncompressed is being gzip-compressed to estimate its pull size. */
  | { kind: 'estimating-pull'; image: string; layer: number; of: number; bytes: number | null }
  /** The deep scan finished one layer (`done` of `of` distinct layers). */
  | { kind: 'scanned'; subject: string; done: number; of: number; entries: number }
  /** The base is a snapshot file: no layer contents to scan, so the deep figures are partial. */
  | { kind: 'warning'; code: 'base-not-scannable'; image: string }
  /** A message from a source (credential helpers, the docker config) until sources emit typed events. */
  | { kind: 'source-note'; message: string };

export type EventSink = (event: EngineEvent) => void;
