/**
 * Runs every executable behaviour spec in project-docs/capabilities/behaviors/ against the real
 * Orchestrator and the built CLI. Each scenario is one test; a step without a definition fails it.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registerFeature } from './gherkin.js';
import './steps/common.js';
import './steps/deployment.js';
import './steps/diff.js';
import './steps/drafts.js';
import './steps/http-interface.js';
import './steps/mcp-interface.js';
import './steps/publishing.js';
import './steps/registry.js';
import './steps/validation.js';
import { steps, worlds } from './world.js';

const BEHAVIORS = fileURLToPath(new URL('../../project-docs/capabilities/behaviors/', import.meta.url));
const features = readdirSync(BEHAVIORS)
  .filter((f) => f.endsWith('.feature'))
  .sort();

it('finds the behaviour specs', () => {
  expect(features).toEqual(expect.arrayContaining(['publishing.feature', 'verification.feature']));
});

for (const file of features) registerFeature(`${BEHAVIORS}${file}`, steps, worlds, { describe, it });
