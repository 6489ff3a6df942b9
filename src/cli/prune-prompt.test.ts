/**
 * `deploy --prune` on a terminal: it shows what would be removed and asks; "no" writes nothing,
 * "yes" prunes. The terminal check and the answer are stubbed (a test has no TTY to type in).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { main } from './program.js';

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
  temp = makeTempHome('mo-prune-');
  for (const [key, value] of Object.entries(temp.env)) vi.stubEnv(key, value as string);
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
});
afterAll(() => {
  vi.unstubAllEnvs();
  temp.cleanup();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = 0;
  try {
    await main(args);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}

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
