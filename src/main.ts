/** The action's pipeline; `run(deps)` so tests can inject the GitHub client and the runner. */
export async function run(): Promise<void> {
  throw new Error('not implemented');
}
