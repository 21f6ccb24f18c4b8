// Types for the parts of campaign.mjs that __tests__/fuzz/fuzz.test.ts uses.
export interface FuzzResult {
  id: string;
  index: number;
  kind: string;
  variant: string;
  detail: string;
  argv: string[];
  env?: Record<string, string>;
  subject?: string;
  mustRefuse?: boolean;
  outcome: 'ok' | 'refused' | 'accepted' | 'unnamed' | 'crash' | 'hang' | 'oom';
  symptom: string;
  code: number | null;
  signal: string | null;
  ms: number;
  rssMb: number | null;
  stderr: string;
  repro: string;
}

export interface CampaignOptions {
  seed: number;
  count?: number;
  start?: number;
  only?: number | null;
  kinds?: readonly string[];
  timeoutMs?: number;
  rssLimitMb?: number;
  concurrency?: number;
  keep?: boolean;
  dryRun?: boolean;
  root?: string;
  log?: (line: string) => void;
  onResult?: (result: FuzzResult) => void;
}

export interface RunOutcome {
  code: number | null;
  signal: string | null;
  stderr: string;
  timedOut: boolean;
  rssMb: number | null;
}

export const ROOT: string;
export const KIND_NAMES: string[];
export const OUTCOMES: string[];
export const FAILURES: Set<string>;
export function classify(
  run: RunOutcome,
  options: { subject?: string; rssLimitMb: number; mustRefuse?: boolean },
): { outcome: FuzzResult['outcome']; symptom: string };
export function runCampaign(options: CampaignOptions): Promise<{ seed: number; kinds: string[]; work: string | null; results: FuzzResult[] }>;
export function formatTable(results: readonly FuzzResult[], kinds?: readonly string[]): string;
export function formatFailure(result: FuzzResult): string;
export function failuresOf(results: readonly FuzzResult[]): FuzzResult[];
export function reproCommand(seed: number, index: number, kinds?: readonly string[]): string;
