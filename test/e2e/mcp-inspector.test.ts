/**
 * Interoperability with a client we did not write: the official MCP Inspector CLI
 * (`@modelcontextprotocol/inspector-cli`, v1: the v2 inspector needs Node 22) lists the tools of
 * `mcp-orchestration mcp` and calls them.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const require = createRequire(import.meta.url);
const INSPECTOR_DIR = join(
  dirname(require.resolve('@modelcontextprotocol/inspector-cli/package.json')),
  'build',
);

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome('mo-inspector-');
});
afterEach(() => temp.cleanup());

function inspector(...args: string[]): any {
  const res = spawnSync(
    process.execPath,
    [
      'cli.js',
      '--cli',
      '-e',
      `MCP_ORCHESTRATION_HOME=${temp.home}`,
      '-e',
      `HOME=${temp.userHome}`,
      process.execPath,
      CLI,
      'mcp',
      ...args,
    ],
    // inspector-cli 1.0.3 resolves its own package.json against the working folder.
    { cwd: INSPECTOR_DIR, env: temp.env, encoding: 'utf8', timeout: 60_000 },
  );
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout);
}

describe('MCP Inspector CLI', () => {
  it('lists the tools', () => {
    const { tools } = inspector('--method', 'tools/list');
    const names = tools.map((t: { name: string }) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['list_available_servers', 'deploy_config', 'rollback_config']),
    );
  });

  it('calls a tool, and gets a failure as a result with its code', () => {
    const described = inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'describe_server',
      '--tool-arg',
      'server_id=memory',
    );
    expect(described.structuredContent).toMatchObject({ server: { id: 'memory' } });
    const failed = inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'describe_server',
      '--tool-arg',
      'server_id=nope',
    );
    expect(failed).toMatchObject({ isError: true, structuredContent: { error: { code: 'UNKNOWN_SERVER' } } });
    // Two inspector processes, each starting our server: on a loaded two-core machine 30 s is short.
  }, 90_000);

  it('reads a resource', () => {
    const read = inspector('--method', 'resources/read', '--uri', 'server://memory');
    expect(JSON.parse(read.contents[0].text)).toMatchObject({ id: 'memory' });
  });
});
