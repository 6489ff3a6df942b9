/**
 * @module clients/adapters/vscode
 * VS Code (GitHub Copilot agent mode): `mcp.json` in the user folder or `.vscode/mcp.json`, JSONC,
 * servers under `servers` with a required `type` (`stdio` | `http` | `sse`), `cwd` supported,
 * `${env:NAME}` expanded. The deprecated `mcp.servers` of `settings.json` is read by `import` when
 * there is no `mcp.json` yet, and never written (VS Code moves it to `mcp.json` itself).
 * Docs: https://code.visualstudio.com/docs/copilot/reference/mcp-configuration
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inProject, pathApi, vscodeUserDir } from '../paths.js';

export const vscode = defineAdapter({
  id: 'vscode',
  name: 'Visual Studio Code',
  docs: [
    'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
    'https://code.visualstudio.com/docs/copilot/customization/mcp-servers',
  ],
  format: 'jsonc',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['servers'],
  supportsCwd: true,
  paths: {
    user: (ctx) => pathApi(ctx).join(vscodeUserDir(ctx), 'mcp.json'),
    project: (ctx) => inProject(ctx, '.vscode', 'mcp.json'),
  },
  legacyFiles: (ctx) => [
    { path: pathApi(ctx).join(vscodeUserDir(ctx), 'settings.json'), serversKey: ['mcp', 'servers'] },
  ],
  envReference: ENV_SYNTAX.vscode,
  ...standardShape({ stdioType: 'stdio', httpType: 'http', sseType: 'sse' }),
});
