/**
 * `deploy --prune` on a terminal: it shows what would be removed and asks; "no" writes nothing,
 * "yes" prunes. The terminal check and the answer are stubbed (a test has no TTY to type in).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, restoreHome, stubTempHome } from '../../test/helpers/cli-in-process.js';
import type { TempHome } from '../../test/helpers/temp-home.js';

const answers: boolean[] = [];
const questions: string[] = [];
vi.mock('./prompt.js', () => ({
  canAsk: (json: boolean | undefined) => !json,
  confirm: async (question: string) => {
    questions.push(question);
    return answers.shift() ?? false;
  },
}));

let temp: TempHome;
let claudeFile: string;
beforeAll(() => {
  temp = stubTempHome('mo-prune-');
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
});
afterAll(() => restoreHome(temp));

describe('deploy --prune on a terminal', () => {
  it('asks before removing what it did not write: no keeps the file, yes prunes', async () => {
    mkdirSync(dirname(claudeFile), { recursive: true });
    writeFileSync(claudeFile, '{\n  "mcpServers": {\n    "mine": { "command": "node" }\n  }\n}\n');
    expect((await cli('draft', 'add', 'memory')).code).toBe(0);
    expect((await cli('publish', '-m', 'memory')).code).toBe(0);
    expect((await cli('deploy')).code).toBe(0);
    const before = readFileSync(claudeFile, 'utf8');

    answers.push(false);
    const no = await cli('deploy', '--prune');
    expect(no.code).toBe(0);
    expect(no.err).toContain('--prune would remove:\n  claude-desktop: mine\n');
    expect(questions).toEqual(['Remove 1 server?']);
    expect(no.out.trim()).toBe('Cancelled; nothing was written.');
    expect(readFileSync(claudeFile, 'utf8')).toBe(before);

    answers.push(true);
    const yes = await cli('deploy', '--prune');
    expect(yes.code, yes.err).toBe(0);
    expect(questions).toHaveLength(2);
    expect(yes.out).toMatch(/removed\s+mine/);
    expect(Object.keys(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers)).toEqual(['memory']);
  });
});
