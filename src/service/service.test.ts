import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { initializedService } from '../../test/helpers/service.js';
import type { TempHome } from '../../test/helpers/temp-home.js';
import { contentId } from '../core/canonical.js';
import type { Payload } from '../core/schemas/payload.js';
import type { Orchestrator } from './index.js';

let temp: TempHome;
let svc: Orchestrator;
beforeEach(async () => {
  ({ temp, svc } = await initializedService());
});
afterEach(() => temp.cleanup());

describe('Orchestrator', () => {
  it('publish -> get -> verify round-trips for arbitrary payloads (property)', async () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
    const text = fc.string({ maxLength: 30 });
    const stdio = fc.record(
      {
        command: fc.string({ minLength: 1, maxLength: 20 }).filter((c) => c.trim() !== ''),
        args: fc.array(text, { maxLength: 4 }),
        env: fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/), text, { maxKeys: 3 }),
      },
      { requiredKeys: ['command'] },
    );
    const remote = fc.record({ type: fc.constantFrom('http' as const, 'sse' as const), url: fc.webUrl() });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(name, fc.oneof(stdio, remote), { minKeys: 1, maxKeys: 4 }),
        async (servers) => {
          const payload = { mcpServers: servers } as Payload;
          const profile = `p${n++}`;
          const published = await svc.publish({ profile_id: profile, payload, changelog: 'prop' });
          expect(published.artifact_id).toBe(contentId(payload));
          const got = await svc.get({ profile_id: profile, artifact_id: published.artifact_id.slice(0, 20) });
          expect(got.payload).toEqual(payload);
          expect((await svc.verify({ profile_id: profile })).artifact_id).toBe(published.artifact_id);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lists profiles with drafts and heads, and pages history newest first', async () => {
    for (let i = 0; i < 5; i++) {
      await svc.publish({
        profile_id: 'dev',
        changelog: `v${i}`,
        payload: { mcpServers: { a: { command: `c${i}` } } },
      });
    }
    await svc.draftAdd({ profile_id: 'next', server_id: 'memory' });
    const { profiles } = await svc.listProfiles('claude-desktop');
    expect(profiles.map((p) => [p.profile_id, p.count, p.has_draft])).toEqual([
      ['dev', 5, false],
      ['next', 0, true],
    ]);
    const page = await svc.history({ profile_id: 'dev', limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.entries.map((e) => e.changelog)).toEqual(['v3', 'v2']);
  });

  it('a remote registry server given its token as another reference validates', async () => {
    await svc.draftAdd({ server_id: 'github', env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${env:GH_TOKEN}' } });
    const entry = (await svc.draftShow()).payload.mcpServers.github as { headers?: Record<string, string> };
    expect(entry.headers?.Authorization).toBe('Bearer ${env:GH_TOKEN}');
    expect(await svc.validate()).toMatchObject({ valid: true, errors: [] });
  });

  it("draft add refuses a missing parameter; says what else a server still needs, in validate's own words", async () => {
    const refused = await svc.draftAdd({ server_id: 'filesystem' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'MISSING_REQUIRED_PARAM' });
    expect((refused as Error).message).toContain('--param path=VALUE');
    expect((await svc.draftShow()).server_count).toBe(0);
    const added = await svc.draftAdd({ server_id: 'brave-search' });
    expect(added.todo).toEqual([(await svc.validate()).errors[0]?.message]);
    expect(added.todo?.[0]).toContain('BRAVE_API_KEY');
    expect((await svc.draftAdd({ server_id: 'memory' })).todo).toBeUndefined();
  });

  it('describes a server with a usage example that validates', async () => {
    const d = await svc.describeServer('filesystem');
    expect(d.usage.cli).toContain('mcp-orchestration draft add filesystem --param path=');
    expect(await errorCode(() => svc.describeServer('nope'))).toBe('UNKNOWN_SERVER');
    expect(await errorCode(() => svc.describeServer('../x'))).toBe('INVALID_ID');
  });

  it('exports in the client shape keeping secret references', async () => {
    await svc.draftAddCustom({
      client_id: 'vscode',
      name: 'api',
      command: 'node',
      env: { TOKEN: '${env:TOKEN}' },
    });
    await svc.publish({ client_id: 'vscode', changelog: 'x' });
    const native = await svc.export({ client_id: 'vscode', native: true });
    expect(native.format).toBe('jsonc');
    expect(JSON.parse(native.content)).toEqual({
      servers: { api: { type: 'stdio', command: 'node', env: { TOKEN: '${env:TOKEN}' } } },
    });
    expect((await svc.export({ client_id: 'vscode', format: 'yaml' })).content).toContain(
      'TOKEN: ${env:TOKEN}',
    );
  });

  it('reports input errors with codes', async () => {
    expect(await errorCode(() => svc.draftAdd({ server_id: 'memory', params: { nope: 'x' } }))).toBe(
      'INVALID_INPUT',
    );
    expect(await errorCode(() => svc.draftAddCustom({ name: 'x', command: 'a', url: 'https://x' }))).toBe(
      'INVALID_INPUT',
    );
    expect(await errorCode(() => svc.diff({}))).toBe('PROFILE_NOT_FOUND');
    await svc.publish({ changelog: 'x', payload: { mcpServers: { a: { command: 'x' } } } });
    expect(await errorCode(() => svc.diff({}))).toBe('INVALID_INPUT');
    expect(await errorCode(() => svc.diff({ payload: { mcpServers: { a: { command: 5 } } } }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(await errorCode(() => svc.get({ artifact_id: '00000000' }))).toBe('ARTIFACT_NOT_FOUND');
    expect(
      await errorCode(() =>
        svc.publish({ changelog: 'x', payload: { mcpServers: { a: { command: 'x' } } } }),
      ),
    ).toBe('NO_CHANGES');
    expect(await errorCode(() => svc.validate({ payload: 'x'.repeat(11 * 1024 * 1024) }))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('reports an ambiguous artifact prefix', async () => {
    // Two payloads whose ids share their first 8 hex digits (a birthday search over ~2^16 ids).
    const seen = new Map<string, number>();
    let pair: [number, number] | null = null;
    for (let i = 0; i < 400_000 && !pair; i++) {
      const prefix = contentId({ mcpServers: { a: { command: `c${i}` } } }).slice(7, 15);
      const other = seen.get(prefix);
      if (other === undefined) seen.set(prefix, i);
      else pair = [other, i];
    }
    expect(pair).not.toBeNull();
    const [a, b] = pair as [number, number];
    const first = await svc.publish({
      profile_id: 'amb',
      changelog: 'a',
      payload: { mcpServers: { a: { command: `c${a}` } } },
    });
    await svc.publish({
      profile_id: 'amb',
      changelog: 'b',
      payload: { mcpServers: { a: { command: `c${b}` } } },
    });
    const prefix = first.artifact_id.slice(7, 15);
    expect(await errorCode(() => svc.get({ profile_id: 'amb', artifact_id: prefix }))).toBe(
      'AMBIGUOUS_ARTIFACT_ID',
    );
    expect(
      (await svc.get({ profile_id: 'amb', artifact_id: first.artifact_id.slice(0, 30) })).artifact_id,
    ).toBe(first.artifact_id);
  });
});
