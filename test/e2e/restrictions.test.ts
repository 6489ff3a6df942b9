/**
 * Issue #12, through the binary: a server that the user disabled or limited to some tools in one
 * client is imported with that restriction, and a deploy to a client that cannot express it is
 * refused (UNSUPPORTED_RESTRICTION) unless `--allow-widening`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome();
  expect(cli('init').status).toBe(0);
});
afterEach(() => temp.cleanup());

function cli(...args: string[]) {
  return runCli(args, temp.env);
}

it('Copilot tools ["ping"] travels as a restriction; widening it needs --allow-widening', () => {
  const copilotFile = join(temp.userHome, '.copilot', 'mcp-config.json');
  mkdirSync(dirname(copilotFile), { recursive: true });
  writeFileSync(
    copilotFile,
    `${JSON.stringify({ mcpServers: { pinger: { type: 'local', command: 'srv', tools: ['ping'] } } }, null, 2)}\n`,
  );
  expect(cli('import', '--client', 'github-copilot-cli', '--json').status).toBe(0);
  const draft = cli('draft', 'show', '--client', 'github-copilot-cli', '--json').json();
  expect(JSON.stringify(draft)).toContain('"include":["ping"]');
  expect(cli('publish', '--client', 'github-copilot-cli', '-m', 'imported').status).toBe(0);

  // Claude Code has no tool filter: refused, nothing written.
  const refused = cli('deploy', '--client', 'github-copilot-cli', '--clients', 'claude-code', '--json');
  expect(refused.status, refused.stderr).toBe(1);
  expect(refused.json().failed).toEqual([
    expect.objectContaining({
      client_id: 'claude-code',
      error: expect.objectContaining({ code: 'UNSUPPORTED_RESTRICTION' }),
    }),
  ]);
  const claudeFile = join(temp.userHome, '.claude.json');
  expect(() => readFileSync(claudeFile)).toThrow();

  const widened = cli(
    'deploy',
    '--client',
    'github-copilot-cli',
    '--clients',
    'claude-code',
    '--allow-widening',
  );
  expect(widened.status).toBe(0);
  expect(widened.stdout).toContain('UNSUPPORTED_FIELD');
  expect(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers.pinger).toEqual({
    type: 'stdio',
    command: 'srv',
  });

  // Deployed back to Copilot the restriction is still there.
  expect(cli('deploy', '--client', 'github-copilot-cli').status).toBe(0);
  expect(JSON.parse(readFileSync(copilotFile, 'utf8')).mcpServers.pinger.tools).toEqual(['ping']);
});

it('a single-client deploy of a disabled server to a client without `disabled` exits 1', () => {
  const payload = join(temp.root, 'payload.json');
  writeFileSync(payload, JSON.stringify({ mcpServers: { off: { command: 'srv', disabled: true } } }));
  expect(cli('publish', '--client', 'claude-code', '--file', payload, '-m', 'off').status).toBe(0);
  const r = cli('deploy', '--client', 'claude-code', '--json');
  expect(r.status).toBe(1);
  expect(r.json().error.code).toBe('UNSUPPORTED_RESTRICTION');
  expect(r.json().error.details.servers).toEqual([{ server: 'off', fields: ['disabled'] }]);
});
