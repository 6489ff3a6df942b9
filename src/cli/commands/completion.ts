/**
 * @module cli/commands/completion
 * `completion bash|zsh|fish`: prints a completion script made from this very command tree.
 */
import type { Command } from 'commander';
import { completionScript, SHELLS, type Shell } from '../completion.js';
import { oneOfArgument } from '../flag-values.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: commands, flags, client ids and server ids')
    .addArgument(oneOfArgument('<shell>', 'bash, zsh or fish', SHELLS))
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration completion bash > ~/.local/share/bash-completion/completions/mcp-orchestration\n  source <(mcp-orchestration completion zsh)\n  mcp-orchestration completion fish > ~/.config/fish/completions/mcp-orchestration.fish',
    )
    .action(async (shell: Shell) => {
      const [{ listAdapters }, { builtinCatalog }] = await Promise.all([
        import('../../clients/index.js'),
        import('../../registry/registry.js'),
      ]);
      const clients = listAdapters().map((a) => a.id);
      const servers = builtinCatalog().map((s) => s.id);
      process.stdout.write(completionScript(shell, program, clients, servers));
    });
}
