/**
 * @module test/features/world
 * The state of one scenario: a fresh temporary home (never `~`), the real Orchestrator over it,
 * and what the last action returned or threw.
 */
import { expect } from 'vitest';
import { OrchestrationError, toOrchestrationError } from '../../src/core/errors.js';
import { Orchestrator } from '../../src/service/index.js';
import type { CliResult } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { StepRegistry, type WorldFactory } from './gherkin.js';

export interface World {
  temp: TempHome;
  orch: Orchestrator;
  /** What the last action returned (undefined when it threw). */
  result: unknown;
  /** What the last action threw. */
  error: OrchestrationError | undefined;
  /** The last CLI run, for steps that go through the built binary. */
  cli: CliResult | undefined;
  /** Values remembered between steps (artifact ids, file paths). */
  saved: Record<string, string>;
}

export const worlds: WorldFactory<World> = {
  create() {
    const temp = makeTempHome('mo-feature-');
    return {
      temp,
      orch: new Orchestrator({ home: temp.home, env: temp.env }),
      result: undefined,
      error: undefined,
      cli: undefined,
      saved: {},
    };
  },
  dispose(world) {
    world.temp.cleanup();
  },
};

/** The one step registry of the behaviour suite; Given, When and Then are the same function. */
export const steps = new StepRegistry<World>();
export const Given = steps.define.bind(steps);
export const When = steps.define.bind(steps);
export const Then = steps.define.bind(steps);

/** Runs an action and records its result or its error, so a later Then can check either. */
export async function attempt(world: World, action: () => unknown): Promise<void> {
  world.result = undefined;
  world.error = undefined;
  try {
    world.result = await action();
  } catch (err) {
    world.error = toOrchestrationError(err);
  }
}

/** The last result, failing with the recorded error if the action did not succeed. */
export function succeeded<T>(world: World): T {
  if (world.error) {
    throw new Error(`Expected success, got ${world.error.code}: ${world.error.message}`);
  }
  return world.result as T;
}

/** The recorded error, which must carry `code`. */
export function failedWith(world: World, code: string): OrchestrationError {
  expect(world.error, `expected ${code}, but the action succeeded`).toBeInstanceOf(OrchestrationError);
  expect(world.error?.code, world.error?.message).toBe(code);
  return world.error as OrchestrationError;
}

/** Parses a doc string as JSON, with a readable failure. */
export function json(text: string | undefined): unknown {
  if (text === undefined) throw new Error('This step needs a doc string with JSON.');
  return JSON.parse(text);
}
