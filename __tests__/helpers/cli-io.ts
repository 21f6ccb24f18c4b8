import { main, type CliIo } from '../../src/cli.js';

/** Runs the CLI in-process with captured output, as a terminal-less caller would. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stderrIsTty: false,
    columns: undefined,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}
