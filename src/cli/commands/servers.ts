/**
 * @module cli/commands/servers
 * `servers list|show|add|remove|import`: browse and extend the registry.
 */
import type { Command } from 'commander';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { readJsonFile } from '../../store/user-files.js';
import { type CommonFlags, run, withCommon } from '../context.js';
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
    .option('-t, --transport <t>', 'stdio, http or sse')
    .option('--tag <tag>', 'filter by tag')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration servers list --search git\n  mcp-orchestration servers list --transport http',
    )
    .action((flags: CommonFlags & { search?: string; transport?: string; tag?: string }) =>
      run(
        flags,
        (svc) =>
          svc.listServers({ search: flags.search, transport: flags.transport as 'stdio', tag: flags.tag }),
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
  withCommon(servers.command('import <file>'))
    .description('import an official MCP registry server.json as a user server')
    .option('--id <id>', 'id to give it (default: from its name)')
    .action((file: string, flags: CommonFlags & { id?: string }) =>
      run(
        flags,
        (svc) => svc.importServerJson(readJsonFile(file), flags.id ? { id: flags.id } : {}),
        (d) => `Imported ${d.id}: ${d.name}.`,
      ),
    );
}
