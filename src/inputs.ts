/**
 * The action's inputs (action.yml), read and validated once into typed settings. Every error is
 * one line that starts with the input's name.
 */
import * as core from '@actions/core';
import { parseBudgetLines, type BudgetRule } from './budgets/rules.js';
import { usageError, type InputNamer } from './errors.js';
import { checkCommentKey } from './report/comment-marker.js';
import { isMultiPlatform, parsePlatformSelection } from './image/platform-set.js';

export type FailOn = 'fail' | 'warn' | 'never';
export type CommentMode = 'always' | 'on-change' | 'never';

/** Where the base image comes from; `none` = no base (first run: every layer is added). */
export type BaseSetting =
  | { kind: 'none' }
  /** `base-image` (any reference) or `base-snapshot` (turned into `snapshot:PATH`). */
  | { kind: 'reference'; reference: string; input: 'base-image' | 'base-snapshot' }
  /** `base-artifact`: the named artifact of the base branch's latest successful run. */
  | { kind: 'artifact'; name: string };

interface CommonSettings {
  failOn: FailOn;
  comment: CommentMode;
  commentKey: string;
  githubToken: string;
  /**
   * `pr-number`: used only when it is the event's own pull request, or one whose head is this run's
   * head commit (see github/pull-request.ts); never trusted on its own.
   */
  prNumber: number | null;
}

/** Compute a report: open the images, diff, budgets. */
export interface CompareSettings extends CommonSettings {
  mode: 'compare';
  image: string;
  base: BaseSetting;
  platform: string | undefined;
  budgets: BudgetRule[];
  deep: boolean;
  /** `estimate-pull`: gzip the head's uncompressed changed/added layers to estimate the pull size. */
  estimatePull: boolean;
  /** Write the head snapshot JSON here. */
  snapshotPath: string | undefined;
  /** `USER:PASSWORD` for registry references. */
  registryCredentials: string | undefined;
  /** `name`, else the comment key when one was given: the image's name when reports are merged. */
  name?: string | undefined;
}

/** `report:` mode (stage 2 of the fork-safe pattern): post a report JSON computed elsewhere. */
export interface ReportSettings extends CommonSettings {
  mode: 'report';
  /** The `report` input: one path (posted as today), or several lines of paths and globs (merged). */
  reportPath: string;
  /** Set when `report` names several paths or a glob: each line, in order (see reportPatterns). */
  reportPatterns?: string[];
}

/** Most lines the `report` input may have. */
const MAX_REPORT_LINES = 256;

export type Settings = CompareSettings | ReportSettings;

export type InputReader = (name: string) => string;

const readCoreInput: InputReader = (name) => core.getInput(name);

export function getInputs(read: InputReader = readCoreInput): Settings {
  const input = (name: string): string => read(name).trim();
  const common: CommonSettings = {
    failOn: oneOf(input, 'fail-on', ['fail', 'warn', 'never'] as const, 'fail'),
    comment: oneOf(input, 'comment', ['always', 'on-change', 'never'] as const, 'always'),
    commentKey: checkCommentKey(input('comment-key') || 'default'),
    githubToken: input('github-token'),
    prNumber: prNumber(input('pr-number')),
  };

  const reportPath = input('report');
  if (reportPath !== '') {
    const clashing = ['image', 'base-image', 'base-artifact', 'base-snapshot', 'budgets', 'snapshot-path', 'name'].filter((name) => input(name) !== '');
    // A boolean input with a default is always set by the runner (action.yml: estimate-pull
    // "false"): it clashes only when turned on.
    if (booleanInput(input, 'estimate-pull', false)) clashing.push('estimate-pull');
    if (clashing.length > 0) {
      throw usageError(`report: posts a report computed elsewhere, so it cannot be combined with ${clashing.join(', ')}`);
    }
    const settings: ReportSettings = { ...common, mode: 'report', reportPath };
    const patterns = reportPatterns(reportPath);
    if (patterns !== null) settings.reportPatterns = patterns;
    return settings;
  }

  const image = input('image');
  if (image === '') throw usageError('image: required (the image this run built: a path, docker://..., oci:DIR ...), unless `report` is given');
  const registryCredentials = input('registry-credentials') || undefined;
  if (registryCredentials !== undefined && !/^[^:\s]+:.+$/s.test(registryCredentials)) {
    throw usageError('registry-credentials: expected USER:PASSWORD');
  }
  const settings: CompareSettings = {
    ...common,
    mode: 'compare',
    image,
    base: baseSetting(input),
    platform: platform(input('platform')),
    budgets: parseBudgetLines(read('budgets'), 'budgets'),
    deep: booleanInput(input, 'deep', false),
    estimatePull: booleanInput(input, 'estimate-pull', false),
    snapshotPath: input('snapshot-path') || undefined,
    registryCredentials,
    name: imageName(input('name'), common.commentKey),
  };
  if (settings.snapshotPath !== undefined && isMultiPlatform(parsePlatformSelection(settings.platform))) {
    throw usageError(`snapshot-path: a snapshot holds one platform; not with platform: ${settings.platform} (run a step per platform to keep snapshots)`);
  }
  return settings;
}

/**
 * The lines of a `report` input that names several files or a glob; null for one plain path, which
 * is read exactly as before (a path may even contain spaces). Blank lines and `#` comments are skipped.
 */
export function reportPatterns(value: string): string[] | null {
  const lines = value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 1 && !/[*?]/.test(lines[0] as string)) return null;
  if (lines.length > MAX_REPORT_LINES) throw usageError(`report: more than ${MAX_REPORT_LINES} lines`);
  return lines;
}

/** `name`, else a comment key other than `default`; at most 200 characters. */
function imageName(value: string, commentKey: string): string | undefined {
  if (Array.from(value).length > 200) throw usageError('name: longer than 200 characters');
  if (value !== '') return value;
  return commentKey === 'default' ? undefined : commentKey;
}

function baseSetting(input: (name: string) => string): BaseSetting {
  const given = (['base-image', 'base-artifact', 'base-snapshot'] as const).filter((name) => input(name) !== '');
  if (given.length > 1) throw usageError(`${given[1]}: give only one of base-image, base-artifact, base-snapshot (${given.join(' and ')} are set)`);
  const which = given[0];
  if (which === undefined) return { kind: 'none' };
  const value = input(which);
  if (which === 'base-image') return { kind: 'reference', reference: value, input: which };
  if (which === 'base-snapshot') {
    return { kind: 'reference', reference: value.startsWith('snapshot:') ? value : `snapshot:${value}`, input: which };
  }
  // The characters upload-artifact refuses in names.
  if (/[":<>|*?\\/\r\n]/.test(value)) throw usageError(`base-artifact: "${value}" is not an artifact name (no " : < > | * ? \\ / allowed)`);
  return { kind: 'artifact', name: value };
}

function oneOf<T extends string>(input: (name: string) => string, name: string, allowed: readonly T[], fallback: T): T {
  const value = input(name);
  if (value === '') return fallback;
  const found = allowed.find((a) => a === value.toLowerCase());
  if (found === undefined) throw usageError(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
  return found;
}

/** YAML 1.2 core schema booleans, as `core.getBooleanInput` accepts, but with a one-line error. */
function booleanInput(input: (name: string) => string, name: string, fallback: boolean): boolean {
  const value = input(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw usageError(`${name}: "${value}" is not true or false`);
}

function prNumber(value: string): number | null {
  if (value === '') return null;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw usageError(`pr-number: "${value}" is not a pull request number`);
  return n;
}

/** One `os/arch[/variant]`, `all`, or a comma list of platforms (every one compared: engine-multi.ts). */
function platform(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.toLowerCase() === 'all') return 'all';
  const one = /^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)?$/i;
  const items = value.split(',').map((item) => item.trim());
  if (!items.every((item) => one.test(item))) {
    throw usageError(`platform: "${value}" is not os/arch[/variant] (e.g. linux/amd64, linux/arm/v7), a comma list of them, or all`);
  }
  return items.join(',');
}

/** How the action names its inputs in messages the engine and the sources share with the CLI. */
export const actionInputNames: InputNamer = (input) => {
  switch (input) {
    case 'platform':
      return 'the `platform:` input';
    case 'creds':
      return 'the `registry-credentials:` input';
    case 'deep':
      return 'the `deep:` input';
    case 'image':
      // The action takes one reference; there is no input to pick an image inside an archive.
      return 'an archive of that image alone (the action has no input to pick one)';
  }
};
