/**
 * The one rule for tests that need something a machine may lack (the real-image fixtures beside the
 * clone, Debian tools, root for dockerd, a Node that reads zstd): on a laptop they skip and say why;
 * when `CI` is set a missing prerequisite fails the run instead, so the suite cannot shrink without
 * anyone noticing. A CI that knowingly lacks one names it in LAYERDIFF_TEST_ALLOW_MISSING
 * (comma-separated prerequisite names); its tests then skip there too, still saying why.
 *
 * Every helper that answers "can these tests run here?" passes its answer through `prerequisite()`.
 */
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** What a group of tests may need; the names LAYERDIFF_TEST_ALLOW_MISSING accepts. */
export const prerequisites = ['real-images', 'registry-tools', 'dockerd', 'tools', 'node-zstd', 'node-fetch-interception', 'hint-fixtures'] as const;
export type Prerequisite = (typeof prerequisites)[number];

export type Decision = { action: 'run' } | { action: 'skip'; message: string } | { action: 'fail'; message: string };

/** `CI` set to anything but empty, `0` or `false` (GitHub Actions sets `CI=true`). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env['CI'] ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** Pure: what a missing (reason given) or present (null) prerequisite means in this environment. */
export function decide(name: Prerequisite, reason: string | null, env: NodeJS.ProcessEnv = process.env): Decision {
  if (reason === null) return { action: 'run' };
  const why = reason.replace(/^skipped: /, '');
  if (!isCi(env)) return { action: 'skip', message: `skipped (${name}): ${why}` };
  const allowed = (env['LAYERDIFF_TEST_ALLOW_MISSING'] ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  if (allowed.includes(name)) return { action: 'skip', message: `skipped (${name}, allowed by LAYERDIFF_TEST_ALLOW_MISSING): ${why}` };
  return {
    action: 'fail',
    message: `${name} is missing: ${why}. CI is set, so a missing prerequisite fails instead of skipping (provide it, or name it in LAYERDIFF_TEST_ALLOW_MISSING to skip knowingly)`,
  };
}

// Each test file gets its own copy of this module (vitest isolates files), so this dedupes per file.
const announced = new Set<string>();

/**
 * Passes a helper's answer through the policy: returns `reason` when the tests that need `name`
 * should skip (use it in `describe.skipIf`), null when they run. Locally it warns once with the
 * reason. Under CI (unless allowed) it also registers, in the calling test file, one failing test
 * that names what is missing, so the run fails and the closing `N failed` line counts it.
 * Call it while tests are being collected (module top level or a describe body), not inside a test.
 */
export function prerequisite(name: Prerequisite, reason: string | null): string | null {
  const decision = decide(name, reason);
  if (decision.action === 'run') return null;
  const key = `${name}\n${decision.message}`;
  if (!announced.has(key)) {
    announced.add(key);
    if (decision.action === 'skip') console.warn(decision.message);
    else {
      const message = decision.message;
      it(`prerequisite: ${name} (CI fails instead of skipping)`, () => {
        throw new Error(message);
      });
    }
  }
  return reason;
}

/** Whether `tool` is on PATH. */
export function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v "$1" >/dev/null`, 'sh', tool]).status === 0;
}

/** Skip reason naming the tools that are not installed, or null; through the policy as `name`. */
export function needTools(tools: readonly string[], name: Prerequisite = 'tools'): string | null {
  const missing = tools.filter((tool) => !onPath(tool));
  const reason = missing.length === 0 ? null : `skipped: ${missing.join(', ')} not installed (scripts/install-test-deps.sh installs them)`;
  return prerequisite(name, reason);
}
