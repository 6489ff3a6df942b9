/**
 * The guide runner itself: placeholders, block pairing, and that a broken guide fails with a
 * message naming the guide and the step.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guideNeeds, guideSteps, outputMatches, runGuide } from './guide-runner.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BINS = { 'mcp-orchestration': 'dist/cli/main.js' };
const FIXTURE = readFileSync(new URL('./fixtures/publish-guide.md', import.meta.url), 'utf8');
const NAME = 'test/docs/fixtures/publish-guide.md';

describe('expected output placeholders', () => {
  it('match ids, hex, times, paths, versions and numbers', () => {
    expect(
      outputMatches(
        'Published <id> by <hex> at <time> in <path>, v<version>, <n> servers',
        `Published sha256:${'ab'.repeat(32)} by 0f3a at 2026-11-24T15:00:00.000Z in /tmp/x/y, v1.2.3-rc.1, 12 servers`,
      ),
    ).toBe(true);
    expect(outputMatches('Published <id>', 'Published two words')).toBe(false);
    expect(outputMatches('backup: <id>', 'backup: 20261127T175705168Z-020b76')).toBe(true);
    expect(outputMatches('<n> servers', 'two servers')).toBe(false);
  });

  it('"..." alone matches any lines, inside a line any text', () => {
    expect(outputMatches('first\n...\nlast', 'first\na\nb\nlast')).toBe(true);
    expect(outputMatches('first\n...\nlast', 'first\nlast')).toBe(true);
    expect(outputMatches('head ... tail', 'head anything at all tail')).toBe(true);
    expect(outputMatches('first\nlast', 'first\nextra\nlast')).toBe(false);
  });

  it('ignore colour codes and trailing spaces, but not a changed word', () => {
    expect(outputMatches('Valid (1 server).', '\u001b[32mValid (1 server).\u001b[0m  \n\n')).toBe(true);
    expect(outputMatches('Valid (1 server).', 'Valid (2 servers).')).toBe(false);
    expect(outputMatches('a.b', 'axb')).toBe(false);
  });
});

describe('guide steps', () => {
  it('pairs each bash block with the text block after it, numbers steps and skips no-run', () => {
    const steps = guideSteps(FIXTURE);
    expect(steps.map((s) => [s.index, s.label, Boolean(s.expected)])).toEqual([
      [1, '1', true],
      [2, '2', true],
    ]);
    expect(guideSteps('```bash exit=1\nfalse\n```').at(0)?.exitCode).toBe(1);
  });

  it('runs a correct guide', () => {
    expect(runGuide(NAME, FIXTURE, REPO, BINS)?.message).toBeUndefined();
  }, 60_000);

  it('fails a guide whose command uses a renamed flag, naming the guide and the step', () => {
    const broken = FIXTURE.replace('--changelog', '--change-log');
    const failure = runGuide(NAME, broken, REPO, BINS);
    expect(failure?.message).toContain(NAME);
    expect(failure?.message).toContain('step 2, bash block 2');
    expect(failure?.message).toMatch(/exited with 2, expected 0/);
  }, 60_000);

  it('fails a guide whose expected output is wrong, showing both outputs', () => {
    const broken = FIXTURE.replace('(1 server)', '(7 servers)');
    const failure = runGuide(NAME, broken, REPO, BINS);
    expect(failure?.message).toContain(`${NAME}, step 1, bash block 1`);
    expect(failure?.message).toContain('--- expected ---');
    expect(failure?.message).toContain('(7 servers)');
  }, 60_000);

  it('keeps exported variables and the working folder from one block to the next', () => {
    const guide =
      '```bash\nexport GREETING=hi\nmkdir -p sub && cd sub\n```\n\n```bash\necho "$GREETING from $(basename "$PWD")"\n```\n\n```text\nhi from sub\n```\n';
    expect(runGuide('inline', guide, REPO, BINS)?.message).toBeUndefined();
  }, 60_000);

  it('gives the guide the environment it needs (a database URL) and says which it needs', () => {
    const guide =
      '<!-- guide-needs: postgresql -->\n```bash\necho "store at ${DATABASE_URL%%://*}"\n```\n\n```text\nstore at postgresql\n```\n';
    expect(guideNeeds(guide)).toEqual(['postgresql']);
    expect(guideNeeds('# no needs')).toEqual([]);
    const env = { DATABASE_URL: 'postgresql://u@127.0.0.1:5/db' };
    expect(runGuide('needs', guide, REPO, BINS, guideSteps(guide), { env })?.message).toBeUndefined();
  }, 60_000);

  it('does not hang on a background process and stops it afterwards', () => {
    const guide = '```bash\nsleep 300 &\necho started\n```\n\n```text\nstarted\n```\n';
    const started = Date.now();
    expect(runGuide('background', guide, REPO, BINS)?.message).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
