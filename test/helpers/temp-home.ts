/**
 * Temporary home folders for tests: every test points the tool at one of these, never at `~`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempHome {
  root: string;
  /** MCP_ORCHESTRATION_HOME */
  home: string;
  /** A fake user home for client config files. */
  userHome: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function makeTempHome(prefix = 'mo-'): TempHome {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, 'orch-home');
  const userHome = join(root, 'user');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    MCP_ORCHESTRATION_HOME: home,
    HOME: userHome,
    USERPROFILE: userHome,
    XDG_CONFIG_HOME: join(userHome, '.config'),
    APPDATA: join(userHome, 'AppData', 'Roaming'),
    LOCALAPPDATA: join(userHome, 'AppData', 'Local'),
    NO_COLOR: '1',
  };
  return { root, home, userHome, env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
