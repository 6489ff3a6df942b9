/**
 * @module cli/commands/oneshot
 * The everyday commands: `list` (what every client file holds).
 */
import type { Command } from 'commander';
import type { Listing } from '../../core/schemas/listing.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { colour } from '../output.js';

const STATE_PAINT = {
  managed: colour.green,
  drifted: colour.red,
  unmanaged: colour.dim,
  disabled: colour.yellow,
  unreadable: colour.yellow,
} as const;

/** One block per client file: its path, then one line per server with its state. */
export function showListing(r: Listing): string {
  if (r.clients.length === 0)
    return 'No client config files found. Run "clients" to see where each client keeps its file.';
  const blocks = r.clients.map((c) => {
    const head = `${c.client_id} ${colour.dim(`(${c.scope})`)} ${c.path}`;
    if (c.error) return `${head}\n  ${colour.red(c.error.code)} ${c.error.message}`;
    if (c.servers.length === 0) return `${head}\n  ${colour.dim('no servers')}`;
    const lines = c.servers.map((s) => {
      const note = [
        s.profile_id ? `profile ${s.profile_id}` : '',
        s.transport && s.transport !== 'stdio' ? s.transport : '',
        s.reason ?? '',
      ]
        .filter(Boolean)
        .join('; ');
      return `  ${STATE_PAINT[s.state](s.state.padEnd(10))} ${s.name}${note ? colour.dim(` (${note})`) : ''}`;
    });
    return [head, ...lines].join('\n');
  });
  return blocks.join('\n');
}

export function registerOneshot(program: Command): void {
  withCommon(program.command('list'))
    .description('every server in every client config file on this machine, with its state')
    .option('-c, --client <id>', 'only this client')
    .addHelpText(
      'after',
      '\nStates: managed (written by this tool, in sync; its profile is named), drifted (changed since),\nunmanaged (added by hand or by the client), disabled, unreadable (with the reason).\n\nExamples:\n  mcp-orchestration list\n  mcp-orchestration list --client cursor --json',
    )
    .action((flags: CommonFlags & { client?: string }) =>
      run(
        flags,
        (svc) => svc.listInstalled(flags.client === undefined ? {} : { client_id: flags.client }),
        showListing,
      ),
    );
}
