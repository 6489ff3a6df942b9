/**
 * The CLI run in process (`main` of src/cli/program.ts), for tests that want its parsing and
 * output without a child process: a temp home stubbed into the environment, and a runner that
 * captures stdout, stderr and the exit code. test/helpers/cli.ts runs the built binary instead.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli/program.js';
import { makeTempHome, type TempHome } from './temp-home.js';

/** A temp home whose variables (HOME, MCP_ORCHESTRATION_HOME, XDG...) the process now sees. */
export function stubTempHome(prefix: string): TempHome {
  const temp = makeTempHome(prefix);
  for (const [key, value] of Object.entries(temp.env)) vi.stubEnv(key, value as string);
  return temp;
}

/** Undoes `stubTempHome`: the environment as it was, the temp folders gone. */
export function restoreHome(temp: TempHome | undefined): void {
  vi.unstubAllEnvs();
  temp?.cleanup();
}

/** Runs one command in process and returns its exit code and output. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = 0;
  try {
    await main(args);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}
