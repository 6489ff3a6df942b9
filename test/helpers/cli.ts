/**
 * Runs the built CLI (`dist/cli/main.js`) as a child process, the way a user does.
 */
import { spawnSync } from 'node:child_process';
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
