/**
 * @module cli/examples
 * The "Examples:" of the commands whose module does not write its own, by command path. Every
 * command's `--help` ends with examples (src/cli/help.test.ts walks the tree to hold that); the
 * command modules keep theirs beside the options they show, this table has the rest.
 */
import type { Command } from 'commander';

const P = 'mcp-orchestration';

export const EXAMPLES: Record<string, string[]> = {
  keys: [`${P} keys show`, `${P} keys export > me.pub`, `${P} keys trust list`],
  'keys show': [`${P} keys show`, `${P} keys show --json`],
  'keys export': [`${P} keys export > me.pub`],
  'keys trust': [`${P} keys trust list`, `${P} keys trust add alice.pub`],
  'keys trust list': [`${P} keys trust list`, `${P} keys trust list --json`],
  'keys trust remove': [`${P} keys trust remove 1a2b3c4d5e6f7a8b`],
  servers: [`${P} servers list --search git`, `${P} servers show filesystem`],
  'servers show': [`${P} servers show filesystem`, `${P} servers show github --json`],
  'servers add': [`${P} servers add --file mine.json`, `${P} servers add --file mine.json --replace`],
  'servers remove': [`${P} servers remove mine`],
  'servers outdated': [`${P} servers outdated --registry https://registry.modelcontextprotocol.io`],
  registry: [`${P} registry set https://registry.modelcontextprotocol.io`],
  policy: [`${P} policy set policy.yaml`, `${P} policy check --client cursor`],
  'policy set': [`${P} policy set policy.yaml`],
  'policy clear': [`${P} policy clear`],
  'policy show': [`${P} policy show`, `${P} policy show --json`],
  'policy check': [`${P} policy check`, `${P} policy check --client cursor --profile team`],
  'policy export': [
    `${P} policy export --format claude-code-managed-mcp --print-path`,
    `${P} policy export --format vscode-policy --output policy.json`,
  ],
  draft: [`${P} draft add memory`, `${P} draft show`],
  'draft remove': [`${P} draft remove memory`, `${P} draft remove memory --client cursor`],
  'draft show': [`${P} draft show`, `${P} draft show --client cursor --json`],
  'draft clear': [`${P} draft clear --client cursor`],
  validate: [`${P} validate`, `${P} validate --client cursor --file payload.json`],
  profiles: [`${P} profiles`, `${P} profiles --client cursor`],
  history: [`${P} history`, `${P} history --client cursor --limit 5 --offset 5`],
  get: [`${P} get`, `${P} get --artifact sha256:1a2b3c4d`],
  verify: [`${P} verify`, `${P} verify sha256:1a2b3c4d`, `${P} verify --file artifact.json`],
  diff: [`${P} diff --deployed`, `${P} diff --deployed --exit-code`, `${P} diff --file payload.json`],
  export: [`${P} export --format yaml`, `${P} export --client codex --native --format toml`],
  clients: [`${P} clients`, `${P} clients --found --json`],
  status: [`${P} status`, `${P} status --client cursor --exit-code`],
  mcp: [`${P} mcp`, `${P} mcp --home ~/.mcp-orchestration-work`],
  backups: [`${P} backups prune --keep 5 --dry-run`, `${P} backups prune --older-than 30d`],
  token: [`${P} token create --name ci --expires 30d`, `${P} token list`],
  'token list': [`${P} token list`, `${P} token list --json`],
  'token revoke': [`${P} token revoke tok-1a2b3c4d5e6f`],
  remote: [
    `${P} remote list`,
    `${P} remote add team https://hub.example.com --token "$HUB_TOKEN" --trust hub.pub`,
  ],
  'remote list': [`${P} remote list`],
  'remote remove': [`${P} remote remove team`],
  fleet: [`${P} fleet`, `${P} fleet --stale-after 30m`, `${P} fleet --remote team`],
  audit: [`${P} audit`, `${P} audit --limit 10 --json`],
};

/** Adds the table's examples to each command of the tree that has an entry. */
export function addExamples(program: Command): void {
  const visit = (cmd: Command, path: string) => {
    const lines = EXAMPLES[path];
    if (lines) cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    for (const sub of cmd.commands) visit(sub, path === '' ? sub.name() : `${path} ${sub.name()}`);
  };
  visit(program, '');
}
