/**
 * `mcp-orchestration serve` from the built binary on a free port, for the end-to-end tests that
 * need a running server (the dashboard's among them): resolves once it prints where it listens.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CLI } from './cli.js';

export interface Served {
  child: ChildProcessWithoutNullStreams;
  /** Where it listens (`http://127.0.0.1:PORT`). */
  url: string;
  /** Stops it the way a user does (SIGINT) and waits for it to exit. */
  stop(): Promise<void>;
}

export function startServe(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    await exited;
  };
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 20_000);
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const url = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stop });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${err}`)));
  });
}
