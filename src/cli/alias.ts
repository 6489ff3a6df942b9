#!/usr/bin/env node
/**
 * @module cli/alias
 * The seed-compatible bins of the earlier Python system (`mcp-orchestration-init`,
 * `mcp-orchestration-add-server`, ...). Each is installed as a link to this file; its name picks
 * the command, and the old flags (`--server-id`, `--storage-path`, `--format json`) are translated.
 */
import { basename } from 'node:path';

/** Alias name -> the command it runs and the old flag that became a positional argument. */
export const ALIASES: Record<string, { command: string[]; positional?: string[] }> = {
  'mcp-orchestration-init': { command: ['init'] },
  'mcp-orchestration-add-server': { command: ['draft', 'add'], positional: ['--server-id'] },
  'mcp-orchestration-remove-server': {
    command: ['draft', 'remove'],
    positional: ['--server-name', '--server-id'],
  },
  'mcp-orchestration-list-servers': { command: ['servers', 'list'] },
  'mcp-orchestration-describe-server': { command: ['servers', 'show'], positional: ['--server-id'] },
  'mcp-orchestration-publish-config': { command: ['publish'] },
  'mcp-orchestration-deploy-config': { command: ['deploy'] },
  'mcp-orchestration-serve-http': { command: ['serve'] },
  'mcp-orchestration-generate-token': { command: ['token', 'create'] },
};

/** Translates an alias call into the equivalent `mcp-orchestration` arguments. */
export function translateAlias(alias: string, argv: string[]): string[] {
  const spec = ALIASES[alias];
  if (!spec) return argv;
  const rest: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (spec.positional?.includes(arg) && next !== undefined) {
      positionals.push(next);
      i++;
    } else if (arg === '--storage-path' && next !== undefined) {
      rest.push('--home', next);
      i++;
    } else if (arg === '--server-name' && spec.command[1] === 'add' && next !== undefined) {
      rest.push('--name', next);
      i++;
    } else if (arg === '--format' && next === 'json' && !['export'].includes(spec.command[0] as string)) {
      rest.push('--json');
      i++;
    } else if (arg === '--format' && next === 'text') {
      i++;
    } else rest.push(arg);
  }
  return [...spec.command, ...positionals, ...rest];
}

const invokedAs = basename(process.argv[1] ?? '').replace(/\.(c?m?js|cmd|ps1)$/, '');
if (ALIASES[invokedAs]) {
  const { main } = await import('./program.js');
  await main(translateAlias(invokedAs, process.argv.slice(2)));
}
