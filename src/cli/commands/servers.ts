/**
 * @module cli/commands/servers
 * `servers list|show|add|remove|import`: browse and extend the registry.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { readJsonFile } from '../../store/user-files.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { oneOf, wholeNumber } from '../flag-values.js';
import { colour } from '../output.js';

function table(defs: ServerDefinition[]): string {
  if (defs.length === 0) return 'No servers match.';
  const width = Math.max(...defs.map((d) => d.id.length));
  return defs
    .map((d) => `${d.id.padEnd(width)}  ${colour.dim(d.transport.padEnd(5))}  ${d.description}`)
    .join('\n');
}

function describe(d: ServerDefinition & { usage?: { cli: string } }): string {
  const lines = [
    colour.bold(`${d.name} (${d.id})`),
    d.description,
    '',
    `transport: ${d.transport}`,
    `package:   ${d.package.registry} ${d.package.name}`,
  ];
  if (d.command) lines.push(`command:   ${[d.command, ...(d.args ?? [])].join(' ')}`);
  if (d.url) lines.push(`url:       ${d.url}`);
  if (d.tags.length) lines.push(`tags:      ${d.tags.join(', ')}`);
  if (d.params.length) {
    lines.push('', 'parameters:');
    for (const p of d.params)
      lines.push(
        `  ${p.name}${p.required ? ' (required)' : ''}: ${p.description}${p.default ? ` [default ${p.default}]` : ''}`,
      );
  }
  if (d.env.length) {
    lines.push('', 'environment:');
    for (const e of d.env)
      lines.push(
        `  ${e.name}${e.required ? ' (required)' : ''}${e.secret ? ' (secret)' : ''}: ${e.description}`,
      );
  }
  if (d.usage) lines.push('', `usage: ${d.usage.cli}`);
  return lines.join('\n');
}

export function registerServers(program: Command): void {
  const servers = program.command('servers').description('browse and extend the server registry');
  withCommon(servers.command('list'))
    .description('list registry servers')
    .option('-s, --search <text>', 'filter by text in id, name, description, tags')
    .addOption(oneOf('-t, --transport <t>', 'stdio, http or sse', ['stdio', 'http', 'sse']))
    .option('--tag <tag>', 'filter by tag')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration servers list --search git\n  mcp-orchestration servers list --transport http',
    )
    .action((flags: CommonFlags & { search?: string; transport?: 'stdio' | 'http' | 'sse'; tag?: string }) =>
      run(
        flags,
        (svc) => svc.listServers({ search: flags.search, transport: flags.transport, tag: flags.tag }),
        table,
      ),
    );
  withCommon(servers.command('show <id>'))
    .description('show one server: how it runs, its parameters and env, a usage example')
    .action((id: string, flags: CommonFlags) => run(flags, (svc) => svc.describeServer(id), describe));
  withCommon(servers.command('add'))
    .description('add a user server from a JSON definition file')
    .requiredOption('-f, --file <path>', 'server definition (same fields as "servers show --json")')
    .option('--replace', 'replace a user server with the same id')
    .action((flags: CommonFlags & { file: string; replace?: boolean }) =>
      run(
        flags,
        (svc) => svc.addUserServer(readJsonFile(flags.file), { replace: flags.replace ?? false }),
        (d) => `Added user server ${d.id}.`,
      ),
    );
  withCommon(servers.command('remove <id>'))
    .description('remove a user server')
    .action((id: string, flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.removeUserServer(id),
        (r) => `Removed user server ${r.removed}.`,
      ),
    );
  withCommon(servers.command('import <source>'))
    .description(
      'import an official MCP registry server.json file, or NAME[@VERSION] from a registry (--registry), as a user server',
    )
    .option('--id <id>', 'id to give it (default: from its name)')
    .option('--registry <url>', 'import NAME[@VERSION] from this MCP registry (default: "registry set URL")')
    .option('--token <token>', 'reader token for the registry')
    .option('--replace', 'replace a user server with the same id')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration servers import ./server.json\n  mcp-orchestration servers import --registry https://registry.modelcontextprotocol.io io.github.acme/weather@1.2.0',
    )
    .action(
      (
        source: string,
        flags: CommonFlags & { id?: string; registry?: string; token?: string; replace?: boolean },
      ) =>
        run(
          flags,
          (svc) =>
            flags.registry !== undefined || !(existsSync(source) || /\.json$/i.test(source))
              ? svc.importFromRegistry({
                  ref: source,
                  ...(flags.registry ? { registry: flags.registry } : {}),
                  ...(flags.token ? { token: flags.token } : {}),
                  ...(flags.id ? { id: flags.id } : {}),
                  replace: flags.replace ?? false,
                })
              : svc.importServerJson(readJsonFile(source), {
                  ...(flags.id ? { id: flags.id } : {}),
                  ...(flags.replace ? { replace: true } : {}),
                }),
          (d) => `Imported ${d.id}: ${d.name}${d.version ? ` ${d.version}` : ''}.`,
        ),
    );
  withCommon(servers.command('search [query]'))
    .description('search an MCP registry (Registry API v0.1), default the one set with "registry set URL"')
    .option('--registry <url>', 'the registry to search')
    .option('--token <token>', 'reader token for the registry')
    .addOption(wholeNumber('--limit <n>', 'most servers to show', { min: 1 }).default(50))
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration servers search github --registry https://registry.modelcontextprotocol.io',
    )
    .action(
      (
        query: string | undefined,
        flags: CommonFlags & { registry?: string; token?: string; limit: number },
      ) =>
        run(
          flags,
          (svc) =>
            svc.searchRegistry({
              ...(query ? { query } : {}),
              ...(flags.registry ? { registry: flags.registry } : {}),
              ...(flags.token ? { token: flags.token } : {}),
              limit: flags.limit,
            }),
          (r) =>
            r.servers.length === 0
              ? `No servers match in ${r.registry}.`
              : [
                  ...r.servers.map(
                    (s) =>
                      `${s.name}@${s.version}  ${colour.dim(s.runs.join(', ') || 'no package')}${s.description ? `\n  ${s.description}` : ''}`,
                  ),
                  ...(r.truncated ? [colour.dim('(more match: narrow the query or raise --limit)')] : []),
                ].join('\n'),
        ),
    );
  withCommon(servers.command('outdated'))
    .description('compare the versions of servers imported from a registry with its latest versions')
    .option('--registry <url>', 'the registry to compare with')
    .option('--token <token>', 'reader token for the registry')
    .action((flags: CommonFlags & { registry?: string; token?: string }) =>
      run(
        flags,
        (svc) =>
          svc.outdatedServers({
            ...(flags.registry ? { registry: flags.registry } : {}),
            ...(flags.token ? { token: flags.token } : {}),
          }),
        (r) =>
          r.servers.length === 0
            ? 'No server was imported from a registry.'
            : r.servers
                .map((s) => `${s.id}  ${s.version ?? '-'} -> ${s.latest ?? '-'}  ${s.status}`)
                .join('\n'),
        (r) => (r.servers.some((s) => s.status === 'outdated') ? 1 : 0),
      ),
    );
}
