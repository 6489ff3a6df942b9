/**
 * A bad flag value is wrong usage, the same in every command: exit 2, a message naming the flag and
 * what it takes, an INVALID_INPUT body with --json, and nothing written (the home folder is not
 * even created, since the value is checked while the command line is parsed).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, restoreHome, stubTempHome } from '../../test/helpers/cli-in-process.js';
import type { TempHome } from '../../test/helpers/temp-home.js';

let temp: TempHome;
beforeAll(() => {
  temp = stubTempHome('mo-flags-');
});
afterAll(() => restoreHome(temp));

/** [command line, the flag the message names, what it says the flag takes] */
const BAD: Array<[string[], string, string]> = [
  [['deploy', '--scope', 'bogus'], '--scope', '"user" or "project"'],
  [['import', '--scope', 'bogus'], '--scope', '"user" or "project"'],
  [['history', '--limit', 'abc'], '--limit', 'whole number'],
  [['history', '--limit', '0'], '--limit', 'from 1 to 1000'],
  [['history', '--offset', '-1'], '--offset', 'whole number'],
  [['audit', '--limit', 'abc'], '--limit', 'whole number'],
  [['servers', 'search', 'x', '--limit', '1.5'], '--limit', 'whole number'],
  [['sync', 'team', '--watch', '--interval', '5x'], '--interval', 'lifetime'],
  [['fleet', '--stale-after', 'soon'], '--stale-after', 'lifetime'],
  [['token', 'create', '--role', 'king'], '--role', '"reader", "publisher" or "admin"'],
  [['token', 'create', '--expires', '5x'], '--expires', 'or never'],
  [['export', '--format', 'nope'], '--format', '"json", "yaml" or "toml"'],
  [['policy', 'export', '--format', 'nope'], '--format', '"vscode-policy"'],
  [['servers', 'list', '--transport', 'pigeon'], '--transport', '"stdio", "http" or "sse"'],
  [
    ['draft', 'add-custom', 'x', '--url', 'https://x.example', '--transport', 'stdio'],
    '--transport',
    '"http" or "sse"',
  ],
  [['serve', '--port', 'eighty'], '--port', 'from 0 to 65535'],
  [['serve', '--port', '70000'], '--port', 'from 0 to 65535'],
  [['serve', '--body-limit', '0'], '--body-limit', 'whole number'],
  [['ui', '--port', '-5'], '--port', 'from 0 to 65535'],
];

describe('bad flag values', () => {
  it.each(BAD)('%j is wrong usage', async (args, flag, takes) => {
    const text = await cli(...args);
    expect(text.code).toBe(2);
    expect(text.err).toContain(flag);
    expect(text.err).toContain(takes);
    const json = await cli(...args, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringContaining(flag) },
    });
    expect(existsSync(temp.home)).toBe(false);
  });

  it('a bad positional choice is wrong usage too', async () => {
    const r = await cli('completion', 'tcsh');
    expect(r.code).toBe(2);
    expect(r.err).toContain('shell is "bash", "zsh" or "fish"; got "tcsh".');
  });

  it('takes good values and the documented defaults', async () => {
    expect((await cli('servers', 'list', '--transport', 'http', '--json')).code).toBe(0);
    expect((await cli('export', '--format', 'yaml')).err).toContain('PROFILE_NOT_FOUND');
  });
});
