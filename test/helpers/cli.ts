/**
 * Runs the built CLI (`dist/cli/main.js`) as a child process, the way a user does.
 */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json: () => any;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): CliResult {
  const res = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', input, timeout: 60_000 });
  return {
    status: res.status ?? -1,
    stdout: res.stdout,
    stderr: res.stderr,
    json: () => JSON.parse(res.stdout),
  };
}

/** Like `runCli`, but without blocking the test's own event loop (for a stub server in the test). */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env, encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = (err as { code?: unknown } | null)?.code;
        resolve({
          status: err ? (typeof code === 'number' ? code : -1) : 0,
          stdout,
          stderr,
          json: () => JSON.parse(stdout),
        });
      },
    );
  });
}
