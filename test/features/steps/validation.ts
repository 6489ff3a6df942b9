/**
 * @module test/features/steps/validation
 * Steps of the validation capability.
 */
import { expect } from 'vitest';
import type { ValidationResult } from '../../../src/core/schemas/validation.js';
import { attempt, json, succeeded, Then, When } from '../world.js';

When('I validate the draft', (world) => attempt(world, () => world.orch.validate()));

When('I validate this payload:', (world, _args, { docString }) =>
  attempt(world, () => world.orch.validate({ payload: json(docString) })),
);

const result = (world: Parameters<typeof succeeded>[0]) => succeeded<ValidationResult>(world);

for (const noun of ['server', 'servers']) {
  Then(`the config is valid with {int} ${noun} and no warnings`, (world, [count]) => {
    const r = result(world);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.server_count).toBe(Number(count));
    expect(r.warnings).toEqual([]);
  });
}

Then('the config is invalid with {word} at {string}', (world, [code, path]) => {
  const r = result(world);
  expect(r.valid).toBe(false);
  expect(r.errors).toContainEqual(expect.objectContaining({ code, path, severity: 'error' }));
});

Then('the config is valid with a {word} warning at {string}', (world, [code, path]) => {
  const r = result(world);
  expect(r.valid).toBe(true);
  expect(r.warnings).toContainEqual(expect.objectContaining({ code, path, severity: 'warning' }));
});

Then('the config has {int} errors', (world, [count]) => {
  const r = result(world);
  expect(r.errors, JSON.stringify(r.errors, null, 2)).toHaveLength(Number(count));
});
