/**
 * A private Docker engine for tests: Debian's dockerd started as root with its own data root, exec
 * root, pid file and unix socket under a temp dir, so it never touches /var/lib/docker or
 * /var/run/docker.sock and can run beside another test's daemon.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { prerequisite } from './skip-policy.js';

const run = promisify(execFile);

export interface Dockerd {
  /** `unix:///tmp/.../docker.sock`, for DOCKER_HOST. */
  host: string;
  /** Runs the docker CLI against this daemon. */
  docker(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Why a daemon cannot be started here, or null when it can; through skip-policy.ts, so under CI a
 * missing daemon fails the run instead of skipping.
 */
export function dockerdUnavailable(): string | null {
  return prerequisite('dockerd', whyNoDockerd());
}

function whyNoDockerd(): string | null {
  if (process.getuid?.() !== 0) return 'skipped: dockerd needs root';
  if (!existsSync('/usr/sbin/dockerd') && !onPath('dockerd')) return 'skipped: dockerd is not installed (apt-get install docker.io)';
  if (!onPath('docker')) return 'skipped: the docker CLI is not installed';
  return null;
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(path.join(dir, tool)));
}

export async function startDockerd(options: { timeoutMs?: number } = {}): Promise<Dockerd> {
  // Short base path: a unix socket path must stay under 108 bytes.
  const dir = mkdtempSync('/tmp/ldd-');
  const socket = path.join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  const config = path.join(dir, 'daemon.json');
  writeFileSync(config, '{}');
  const log = openSync(path.join(dir, 'dockerd.log'), 'a');
  const binary = existsSync('/usr/sbin/dockerd') ? '/usr/sbin/dockerd' : 'dockerd';
  const child: ChildProcess = spawn(
    binary,
    [
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'docker.pid'),
      '--host',
      host,
      '--config-file',
      config,
      '--iptables=false',
      '--ip-masq=false',
      '--bridge=none',
      '--storage-driver=vfs',
    ],
    { stdio: ['ignore', log, log] },
  );
  const env = { ...process.env, DOCKER_HOST: host };
  const docker = async (args: string[]) => (await run('docker', args, { env, maxBuffer: 16 * 1024 * 1024 })).stdout;

  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) throw new Error(`dockerd exited while starting: ${tail(path.join(dir, 'dockerd.log'))}`);
    try {
      await docker(['version', '--format', '{{.Server.Version}}']);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`dockerd did not answer on ${host} in time: ${tail(path.join(dir, 'dockerd.log'))}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    host,
    docker,
    async stop() {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return '(no log)';
  }
}
