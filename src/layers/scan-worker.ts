// Worker thread entry for deep scans (src/layers/deep.ts); filled in with the deep scan.
export {};
