/**
 * @module clients/adapters/claude-desktop
 * Claude Desktop: `claude_desktop_config.json`, stdio servers only (remote servers are added in
 * Settings -> Connectors, not in the file), no variable expansion.
 * Docs: https://modelcontextprotocol.io/docs/develop/connect-local-servers
 * MSIX path: https://github.com/freee/freee-mcp/issues/245 (Store builds virtualise %APPDATA%).
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { appConfigDir, localAppDataDir, type PathContext, pathApi } from '../paths.js';

const FILE = 'claude_desktop_config.json';
/** Package family name of the Microsoft Store (MSIX) build. */
const MSIX_PACKAGE = 'Claude_pzs8sxrjxfjjc';

/** macOS Application Support, Windows %APPDATA%, and on Linux the community builds' XDG folder. */
function userPath(ctx: PathContext): string {
  return pathApi(ctx).join(appConfigDir(ctx), 'Claude', FILE);
}

export const claudeDesktop = defineAdapter({
  id: 'claude-desktop',
  name: 'Claude Desktop',
  docs: ['https://modelcontextprotocol.io/docs/develop/connect-local-servers'],
  format: 'json',
  transports: ['stdio'],
  serversKey: ['mcpServers'],
  paths: { user: userPath },
  candidatePaths: (ctx) => {
    if (ctx.platform !== 'win32') return [userPath(ctx)];
    const msix = pathApi(ctx).join(
      localAppDataDir(ctx),
      'Packages',
      MSIX_PACKAGE,
      'LocalCache',
      'Roaming',
      'Claude',
      FILE,
    );
    return [msix, userPath(ctx)];
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
