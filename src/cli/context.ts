/**
 * @module cli/context
 * Shared flag sets and the action wrapper: every command loads the service lazily (so `--version`
 * and `--help` stay instant), calls one service function and prints the result.
 */
import type { Command } from 'commander';
import type { Orchestrator } from '../service/index.js';
import { type CommonFlags, printError, printResult } from './output.js';

export type { CommonFlags };

export const HOME_HELP = 'home folder (default: $MCP_ORCHESTRATION_HOME or ~/.mcp-orchestration)';
export const STORE_HELP =
  'where profiles, artifacts and deployments are kept: postgresql://USER:PASSWORD@HOST/DB, a folder or a file: URL (default: $MCP_ORCHESTRATION_STORE, else the home folder)';

export interface TargetFlags extends CommonFlags {
  client: string;
  profile: string;
}

export function withCommon(cmd: Command): Command {
  return cmd
    .option('--home <dir>', HOME_HELP)
    .option('--store <url>', STORE_HELP)
    .option('--json', 'print one JSON value on stdout');
}

export function withTarget(cmd: Command): Command {
  return withCommon(cmd)
    .option('-c, --client <id>', 'client id', 'claude-desktop')
    .option('-p, --profile <id>', 'profile id', 'default');
}

export const target = (flags: TargetFlags) => ({ client_id: flags.client, profile_id: flags.profile });

export async function orchestrator(
  flags: CommonFlags,
  more: { cwd?: string | null } = {},
): Promise<Orchestrator> {
  const { Orchestrator } = await import('../service/index.js');
  return new Orchestrator({
    ...(flags.home === undefined ? {} : { home: flags.home }),
    ...(flags.store === undefined ? {} : { store: flags.store }),
    ...more,
  });
}

/** Runs one command: build the service, call it, print; errors become exit codes. */
export async function run<T>(
  flags: CommonFlags,
  call: (svc: Orchestrator) => T | Promise<T>,
  human: (result: T) => string,
  exitCode: (result: T) => number = () => 0,
): Promise<void> {
  let svc: Orchestrator | undefined;
  try {
    svc = await orchestrator(flags);
    const result = await call(svc);
    printResult(result, flags, human);
    process.exitCode = exitCode(result);
  } catch (err) {
    process.exitCode = printError(err, flags);
  } finally {
    // A database store holds connections open: close them so the process can end.
    await svc?.close().catch(() => undefined);
  }
}
