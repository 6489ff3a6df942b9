/**
 * @module clients/adapters/kilo-cli
 * Kilo CLI (an OpenCode fork, npm `@kilocode/cli`): `~/.config/kilo/kilo.jsonc` (or `kilo.json`),
 * OpenCode's shape (`mcp`, `type: local` with one `command` array, `type: remote`). Kilo Code's VS
 * Code extension keeps its own file (client `kilo-code`).
 * Docs: https://kilo.ai/docs/cli, https://opencode.ai/docs/mcp-servers/
 */
import { defineAdapter } from '../adapter.js';
import { pathApi, xdgConfigDir } from '../paths.js';
import { opencodeShape } from './opencode.js';

export const kiloCli = defineAdapter({
  id: 'kilo-cli',
  name: 'Kilo CLI',
  docs: ['https://kilo.ai/docs/cli', 'https://opencode.ai/docs/mcp-servers/'],
  format: 'jsonc',
  transports: ['stdio', 'http'],
  serversKey: ['mcp'],
  paths: {
    user: (ctx) => pathApi(ctx).join(xdgConfigDir(ctx), 'kilo', 'kilo.jsonc'),
  },
  candidatePaths: (ctx) => {
    const dir = pathApi(ctx).join(xdgConfigDir(ctx), 'kilo');
    return [pathApi(ctx).join(dir, 'kilo.jsonc'), pathApi(ctx).join(dir, 'kilo.json')];
  },
  ...opencodeShape,
});
