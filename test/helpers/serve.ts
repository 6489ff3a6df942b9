/**
 * `mcp-orchestration serve` from the built binary on a free port, for the end-to-end tests that
 * need a running server: resolves once it prints where it listens. Every server started here is
 * remembered, so that `killServes` can end those a failed test left running.
 */
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CLI } from './cli.js';

export interface Served {
  child: ChildProcessWithoutNullStreams;
  /** Where it listens (`http://127.0.0.1:PORT`). */
  url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Its exit code, once it exits. */
  exited: Promise<number | null>;
  /** Stops it the way a user does (SIGINT) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** The folder it is started in (default: this process's). */
  cwd?: string;
  /** How long it may take to start listening. */
  timeoutMs?: number;
}

const started: ChildProcess[] = [];

/** Sends SIGINT, as Ctrl-C does, and waits for the process to exit (at once if it has). */
export async function interrupt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** Kills (SIGKILL) every server `startServe` started that is still running. */
export function killServes(): void {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}

export function startServe(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  { cwd, timeoutMs = 20_000 }: ServeOptions = {},
): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env,
    ...(cwd === undefined ? {} : { cwd }),
  });
  started.push(child);
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), timeoutMs);
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const url = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stderr: () => err, exited, stop: () => interrupt(child) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${err}`));
    });
  });
}
