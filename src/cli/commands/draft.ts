/**
 * @module cli/commands/draft
 * `draft add|add-custom|remove|show|clear`.
 */
import type { Command } from 'commander';
import type { DraftView } from '../../service/index.js';
import { run, type TargetFlags, target, withTarget } from '../context.js';
import { oneOf } from '../flag-values.js';
import { collect, colour, parsePairs, plural } from '../output.js';

export function showDraft(d: DraftView): string {
  const names = Object.keys(d.payload.mcpServers);
  if (names.length === 0) return `Draft ${d.client_id}/${d.profile_id} is empty.`;
  return [
    `Draft ${d.client_id}/${d.profile_id} (${plural(names.length, 'server')}):`,
    JSON.stringify(d.payload, null, 2),
  ].join('\n');
}

export function registerDraft(program: Command): void {
  const draft = program.command('draft').description('edit the draft of a client profile');
  withTarget(draft.command('add <server-id>'))
    .description('add a registry server to the draft')
    .option('-n, --name <name>', 'name in the config (default: the server id)')
    .option('--param <k=v>', 'server parameter (repeatable)', collect)
    .option(
      '--env <k=v>',
      "environment variable (repeatable); for secrets use a reference: --env TOKEN='${env:TOKEN}'",
      collect,
    )
    .addHelpText(
      'after',
      "\nExamples:\n  mcp-orchestration draft add filesystem --param path=$HOME/projects\n  mcp-orchestration draft add github --env GITHUB_PERSONAL_ACCESS_TOKEN='${env:GITHUB_TOKEN}'",
    )
    .action((serverId: string, flags: TargetFlags & { name?: string; param?: string[]; env?: string[] }) =>
      run(
        flags,
        (svc) =>
          svc.draftAdd({
            ...target(flags),
            server_id: serverId,
            name: flags.name,
            params: parsePairs(flags.param, '--param'),
            env: parsePairs(flags.env, '--env'),
          }),
        (r) =>
          [
            `Added "${r.added}" to the ${r.client_id}/${r.profile_id} draft (${plural(r.server_count, 'server')}).`,
            ...(r.todo ?? []).map((t) => `  ${colour.yellow('still needed')}: ${t}`),
          ].join('\n'),
      ),
    );
  withTarget(draft.command('add-custom <name>'))
    .description('add a server that is not in the registry: a stdio command or a remote URL')
    .option('--command <cmd>', 'executable of a stdio server')
    .option('--arg <arg>', 'argument (repeatable, in order)', collect)
    .option('--env <k=v>', 'environment variable (repeatable)', collect)
    .option('--cwd <dir>', 'working folder of a stdio server')
    .option('--url <url>', 'URL of a remote server')
    .addOption(oneOf('--transport <t>', 'http or sse (remote servers)', ['http', 'sse']).default('http'))
    .option('--header <k=v>', 'HTTP header of a remote server (repeatable)', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration draft add-custom tools --command node --arg ./server.js\n  mcp-orchestration draft add-custom docs --url https://example.com/mcp',
    )
    .action(
      (
        name: string,
        flags: TargetFlags & {
          command?: string;
          arg?: string[];
          env?: string[];
          cwd?: string;
          url?: string;
          transport: 'http' | 'sse';
          header?: string[];
        },
      ) =>
        run(
          flags,
          (svc) =>
            svc.draftAddCustom({
              ...target(flags),
              name,
              command: flags.command,
              args: flags.arg ?? [],
              env: parsePairs(flags.env, '--env'),
              cwd: flags.cwd,
              url: flags.url,
              transport: flags.transport,
              headers: parsePairs(flags.header, '--header'),
            }),
          (r) =>
            `Added "${r.added}" to the ${r.client_id}/${r.profile_id} draft (${plural(r.server_count, 'server')}).`,
        ),
    );
  withTarget(draft.command('remove <name>'))
    .description('remove a server from the draft')
    .action((name: string, flags: TargetFlags) =>
      run(
        flags,
        (svc) => svc.draftRemove({ ...target(flags), name }),
        (r) => `Removed "${r.removed}" (${r.server_count} left).`,
      ),
    );
  withTarget(draft.command('show'))
    .description('show the draft')
    .action((flags: TargetFlags) => run(flags, (svc) => svc.draftShow(target(flags)), showDraft));
  withTarget(draft.command('clear'))
    .description('empty the draft')
    .action((flags: TargetFlags) =>
      run(
        flags,
        (svc) => svc.draftClear(target(flags)),
        (r) => `Cleared the ${r.client_id}/${r.profile_id} draft.`,
      ),
    );
}
