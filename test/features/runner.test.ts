/**
 * The Gherkin runner itself: steps match by expression, and a scenario with an undefined or an
 * ambiguous step is reported as a failure, never skipped.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AmbiguousStepError, parseFeature, runPickle, StepRegistry, UndefinedStepError } from './gherkin.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('gherkin runner', () => {
  it('matches {string}, {int} and {word} and passes escaped quotes through', () => {
    const steps = new StepRegistry<object>();
    steps.define('I have {int} {word} named {string}', () => {});
    const [match] = steps.match('I have 3 servers named "say \\"hi\\""');
    expect(match?.args).toEqual(['3', 'servers', 'say "hi"']);
    expect(steps.match('I have three servers named "x"')).toEqual([]);
  });

  it('fails a scenario at its first undefined step, naming the file, line and text', async () => {
    const feature = parseFeature(fixture('unknown-step.feature'));
    const ran: string[] = [];
    const steps = new StepRegistry<object>();
    steps.define('a known step', () => {
      ran.push('known');
    });
    steps.define('this step is never reached', () => {
      ran.push('never');
    });
    const pickle = feature.pickles[0];
    if (!pickle) throw new Error('fixture has no scenario');
    const run = runPickle(feature, pickle, steps, {});
    await expect(run).rejects.toBeInstanceOf(UndefinedStepError);
    await expect(run).rejects.toThrow(/unknown-step\.feature:4: "I do something no step definition covers"/);
    expect(ran).toEqual(['known']);
  });

  it('fails a scenario whose step matches two definitions', async () => {
    const feature = parseFeature(fixture('ambiguous-step.feature'));
    const steps = new StepRegistry<object>();
    steps.define('the value {string}', () => {});
    steps.define('the value {word}', () => {});
    await expect(runPickle(feature, feature.pickles[0]!, steps, {})).rejects.toBeInstanceOf(
      AmbiguousStepError,
    );
  });

  it('makes a whole vitest run fail when a scenario has an undefined step', () => {
    const res = spawnSync(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--config',
        'test/features/fixtures/vitest.fixture.config.ts',
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 120_000 },
    );
    const output = `${res.stdout}${res.stderr}`;
    expect(res.status, output).toBe(1);
    expect(output).toContain('Undefined step at');
    expect(output).toContain('I do something no step definition covers');
    expect(output).toMatch(/1 failed/);
  }, 120_000);
});
