/**
 * @module test/features/steps/common
 * Steps shared by every capability: the home folder, error checks, files and the built CLI.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { initKeys } from '../../../src/crypto/keys.js';
import { runCli } from '../../helpers/cli.js';
import { failedWith, Given, json, Then, When, type World } from '../world.js';

Given('an initialized home folder', (world) => {
  initKeys(world.orch.home, false);
});

Given('a home folder without keys', (world) => {
  rmSync(world.orch.home.keysDir, { recursive: true, force: true });
});

Then('the operation fails with {word}', (world, [code]) => {
  failedWith(world, code as string);
});

Then('the error message names {string}', (world, [text]) => {
  expect(world.error?.message).toContain(text);
});

Then('the error lists {word} at {string}', (world, [code, path]) => {
  const issues = (world.error?.details.errors ?? []) as Array<{ code: string; path: string }>;
  expect(issues).toContainEqual(expect.objectContaining({ code, path }));
});

Given('the file {string} holds:', (world, [name], { docString }) => {
  const path = join(world.temp.root, name as string);
  writeFileSync(path, JSON.stringify(json(docString)));
  world.saved[name as string] = path;
});

/** Splits a command line on spaces, keeping "quoted parts" together; `{name}` is a saved value. */
function argv(world: World, line: string): string[] {
  const parts = line.match(/"[^"]*"|\S+/g) ?? [];
  return parts.map((p) =>
    p.replace(/^"(.*)"$/, '$1').replace(/\{([^}]+)\}/g, (whole, key: string) => world.saved[key] ?? whole),
  );
}

When('I run the CLI {string}', (world, [line]) => {
  world.cli = runCli(argv(world, line as string), world.temp.env);
});

function cli(world: World) {
  if (!world.cli) throw new Error('No CLI run yet: use "When I run the CLI ..." first.');
  return world.cli;
}

Then('the CLI exits with {int}', (world, [code]) => {
  const res = cli(world);
  expect(res.status, `stdout:\n${res.stdout}\nstderr:\n${res.stderr}`).toBe(Number(code));
});

Then('the CLI output contains {string}', (world, [text]) => {
  expect(cli(world).stdout).toContain(text);
});

Then('the CLI error output contains {string}', (world, [text]) => {
  expect(cli(world).stderr).toContain(text);
});

Then('the CLI JSON has {string} equal to {word}', (world, [key, value]) => {
  // The value is JSON: true, false, 3 or "text".
  expect(cli(world).json()[key as string]).toEqual(JSON.parse(value as string));
});

Then('the CLI JSON field {string} is the id of the profile head', async (world, [key]) => {
  expect(cli(world).json()[key as string]).toBe((await world.orch.get()).artifact_id);
});
