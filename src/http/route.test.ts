import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { MAX_NESTING_DEPTH } from '../core/nesting.js';
import { Orchestrator } from '../service/index.js';
import { createApp } from './app.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome('mo-route-unit-');
});
afterEach(() => temp.cleanup());

describe('operation bodies', () => {
  it('a body nested past the limit is INVALID_INPUT (400) naming it, not a stack overflow', async () => {
    const app = createApp({
      orchestrator: new Orchestrator({ home: temp.home }),
      auth: 'none',
      log: () => {},
    });
    const deep = `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`;
    const res = await app.request('/v1/config/claude-desktop/default/validate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"payload": {"mcpServers": {"a": {"command": "npx", "args": ${deep}}}}}`,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain(`more than ${MAX_NESTING_DEPTH} levels deep`);
  });
});
