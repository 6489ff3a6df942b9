/**
 * @module cli/commands/oneshot
 * The everyday commands: `list` (what every client file holds) and the one-shots `add`, `remove`,
 * `enable` and `disable` across clients, each all or nothing.
 */
import type { Command } from 'commander';
import type { OneshotResult } from '../../core/schemas/deploy.js';
import type { Listing } from '../../core/schemas/listing.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { collect, colour, parsePairs, UsageError } from '../output.js';
import { actionCounts, showServers } from './deploy.js';

interface OneshotFlags extends CommonFlags {
  client?: string;
  clients?: string;
  allFound?: boolean;
  profile: string;
  dryRun?: boolean;
}

/** The flags every one-shot takes: which clients, which profile, dry run. */
function withClients(cmd: Command): Command {
  return withCommon(cmd)
    .option(
      '--clients <ids>',
      'the clients to change, all or none (comma-separated; default: claude-desktop)',
    )
    .option('-c, --client <id>', 'one client (same as --clients ID)')
    .option('--all-found', 'every client whose config file exists on this machine')
    .option('-p, --profile <id>', 'the profile of each client that holds the change', 'default')
    .option('--dry-run', 'say what would change; write nothing anywhere');
}

/** The service's target fields from the flags; a malformed list is wrong usage. */
function targets(flags: OneshotFlags) {
  if (flags.client !== undefined && flags.clients !== undefined)
    throw new UsageError('Give either --client or --clients, not both.');
  if (flags.allFound && (flags.client !== undefined || flags.clients !== undefined))
    throw new UsageError('Give either --clients or --all-found, not both.');
  const list = flags.clients ?? flags.client;
  const clients = list
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (list !== undefined && clients?.length === 0)
    throw new UsageError('--clients needs at least one client id.');
  return {
    ...(clients ? { clients } : {}),
    all_found: flags.allFound ?? false,
    profile_id: flags.profile,
    dry_run: flags.dryRun ?? false,
  };
}

const HOW = {
  added: 'added',
  removed: 'removed',
  'switched-off': "switched off with the client's own flag",
  parked: 'removed from the file (the client has no off switch); "enable" brings it back',
  'switched-on': "switched on with the client's own flag",
  restored: 'put back into the file',
} as const;

/** One block per client, warnings before the final line, and a final line that says what happened. */
export function showOneshot(r: OneshotResult): string {
  const lines: string[] = [];
  if (r.keys_created)
    lines.push(`Created a signing key (${r.keys_created}) in the home folder, as there was none.`);
  for (const c of r.clients) {
    const verb = r.dry_run ? 'would be' : c.status === 'unchanged' ? 'already' : 'was';
    lines.push(
      colour.green(`${c.client_id}: "${r.server}" ${verb} ${HOW[c.how]}`),
      `  file: ${c.config_path}`,
    );
    if (c.adopted.length) lines.push(`  adopted the servers it already had: ${c.adopted.join(', ')}`);
    lines.push(...showServers(c));
  }
  for (const w of [...r.warnings, ...r.clients.flatMap((c) => c.warnings)])
    lines.push(`${colour.yellow('warning')} ${w.code}: ${w.message}`);
  const n = r.clients.length;
  const names = r.clients.map((c) => c.client_id).join(', ');
  lines.push(
    r.dry_run
      ? `Dry run: would ${r.action} "${r.server}" in ${n} client(s) (${names}); nothing was written.`
      : `Done: ${r.action} "${r.server}" in ${n} client(s) (${names}); ${r.clients.map((c) => `${c.client_id} ${actionCounts(c)}`).join('; ')}.`,
  );
  return lines.join('\n');
}

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
      const breaches = s.policy_violations?.map((v) => v.rule).join(', ');
      const policy = breaches ? ` ${colour.red(`breaks the policy: ${breaches}`)}` : '';
      return `  ${STATE_PAINT[s.state](s.state.padEnd(10))} ${s.name}${note ? colour.dim(` (${note})`) : ''}${policy}`;
    });
    return [head, ...lines].join('\n');
  });
  return blocks.join('\n');
}

export function registerOneshot(program: Command): void {
  withClients(program.command('add <server-id>'))
    .description("add a registry server to one or many clients' configs in one step, all or none")
    .option('-n, --name <name>', 'name in the config (default: the server id)')
    .option('--param <k=v>', 'server parameter (repeatable)', collect)
    .option(
      '--env <k=v>',
      'environment variable; for secrets a reference like ${env:NAME} (repeatable)',
      collect,
    )
    .option('-m, --changelog <text>', 'changelog of the publish (default: "add NAME")')
    .option('--adopt', 'replace a same-named server this tool did not write instead of refusing')
    .addHelpText(
      'after',
      "\nFor each client: takes in the servers its file already has (first use), adds the server,\nvalidates, publishes a signed artifact and deploys it. If any client fails, none is changed.\n\nExamples:\n  mcp-orchestration add memory --clients claude-desktop,cursor\n  mcp-orchestration add filesystem --param path=$HOME/projects --all-found\n  mcp-orchestration add github --env GITHUB_PERSONAL_ACCESS_TOKEN='${env:GITHUB_TOKEN}' --dry-run",
    )
    .action(
      (
        serverId: string,
        flags: OneshotFlags & {
          name?: string;
          param?: string[];
          env?: string[];
          changelog?: string;
          adopt?: boolean;
        },
      ) =>
        run(
          flags,
          (svc) =>
            svc.addServer({
              ...targets(flags),
              server_id: serverId,
              ...(flags.name === undefined ? {} : { name: flags.name }),
              params: parsePairs(flags.param, '--param'),
              env: parsePairs(flags.env, '--env'),
              ...(flags.changelog === undefined ? {} : { changelog: flags.changelog }),
              adopt: flags.adopt ?? false,
            }),
          showOneshot,
        ),
    );

  withClients(program.command('remove <name>'))
    .description("remove a server from one or many clients' configs in one step, all or none")
    .option('-m, --changelog <text>', 'changelog of the publish (default: "remove NAME")')
    .addHelpText(
      'after',
      '\nAlso removes a server added by hand or by the client: you named it.\n\nExamples:\n  mcp-orchestration remove memory --clients claude-desktop,cursor\n  mcp-orchestration remove memory --all-found --dry-run',
    )
    .action((name: string, flags: OneshotFlags & { changelog?: string }) =>
      run(
        flags,
        (svc) =>
          svc.removeServer({
            ...targets(flags),
            name,
            ...(flags.changelog === undefined ? {} : { changelog: flags.changelog }),
          }),
        showOneshot,
      ),
    );

  for (const [verb, on] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    withClients(program.command(`${verb} <name>`))
      .description(
        on
          ? 'switch a server back on in one or many clients'
          : "switch a server off in one or many clients, with the client's own flag where it has one",
      )
      .addHelpText(
        'after',
        `\nClients with an off switch get it ("disabled": true, "enabled": false); in the others the entry\nleaves the file and is remembered, so "enable" puts it back as it was.\n\nExamples:\n  mcp-orchestration ${verb} memory --clients cursor,codex\n  mcp-orchestration ${verb} memory --all-found --dry-run`,
      )
      .action((name: string, flags: OneshotFlags) =>
        run(
          flags,
          (svc) => (on ? svc.enableServer : svc.disableServer)({ ...targets(flags), name }),
          showOneshot,
        ),
      );
  }

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
