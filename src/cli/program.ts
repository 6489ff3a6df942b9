/**
 * @module cli/program
 * The `mcp-orchestration` command tree. Commands are data registered here; each loads the service
 * lazily when it runs, so `--help` stays quick. `main.ts` is the entry point that loads this.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerBackups } from './commands/backups.js';
import { registerCompletion } from './commands/completion.js';
import { registerConfig } from './commands/config.js';
import { registerDeploy } from './commands/deploy.js';
import { registerDoctor } from './commands/doctor.js';
import { registerDraft } from './commands/draft.js';
import { registerGovernance } from './commands/governance.js';
import { registerHub } from './commands/hub.js';
import { registerKeys } from './commands/keys.js';
import { registerMcp } from './commands/mcp.js';
import { registerOneshot } from './commands/oneshot.js';
import { registerServe } from './commands/serve.js';
import { registerServers } from './commands/servers.js';
import { registerToken } from './commands/token.js';
import { registerUi } from './commands/ui.js';
import { addExamples } from './examples.js';
import { EXIT_USAGE, printError, UsageError } from './output.js';

export function buildProgram(): Command {
  const program = new Command('mcp-orchestration');
  program
    .description('One signed source of truth for the MCP server configs of all your AI clients.')
    .version(`mcp-orchestration ${VERSION}`, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Quick start:
  mcp-orchestration init
  mcp-orchestration draft add memory
  mcp-orchestration draft add filesystem --param path=$HOME/projects
  mcp-orchestration validate
  mcp-orchestration publish --changelog "memory and filesystem"
  mcp-orchestration deploy

Environment: MCP_ORCHESTRATION_HOME sets the home folder (default ~/.mcp-orchestration); NO_COLOR turns colour off.`,
    );
  registerKeys(program);
  registerServers(program);
  registerGovernance(program);
  registerDraft(program);
  registerConfig(program);
  registerDeploy(program);
  registerBackups(program);
  registerOneshot(program);
  registerMcp(program);
  registerServe(program);
  registerToken(program);
  registerHub(program);
  registerUi(program);
  registerDoctor(program);
  registerCompletion(program);
  addExamples(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves when the command is done. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // `--help` and `--version` succeed; help shown because a subcommand is missing is wrong usage.
      const ok = ['commander.helpDisplayed', 'commander.version'].includes(err.code);
      process.exitCode = ok ? 0 : EXIT_USAGE;
      return;
    }
    // A bad flag value, found while parsing (cli/flag-values): exit 2 before anything ran.
    if (err instanceof UsageError) {
      process.exitCode = printError(err, { json: argv.includes('--json') });
      return;
    }
    throw err;
  }
}
