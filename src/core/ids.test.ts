import { describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { OrchestrationError } from './errors.js';
import { assertId, assertServerName, parseArtifactRef } from './ids.js';

describe('ids', () => {
  it('accepts valid ids', () => {
    expect(assertId('client', 'claude-desktop')).toBe('claude-desktop');
    expect(assertId('profile', 'dev.2_x')).toBe('dev.2_x');
    expect(assertServerName('GitHub')).toBe('GitHub');
  });

  it.each(['../etc', 'a/b', '', 'A', '.hidden', 'a'.repeat(65), 'x..y', 'a b'])(
    'rejects %j with INVALID_ID',
    async (bad) => {
      expect(await errorCode(() => assertId('client', bad))).toBe('INVALID_ID');
    },
  );

  it('rejects non-strings', async () => {
    expect(await errorCode(() => assertId('profile', 42))).toBe('INVALID_ID');
    expect(await errorCode(() => assertServerName('../x'))).toBe('INVALID_ID');
  });

  it('parses artifact refs with or without prefix', async () => {
    const hex = 'a'.repeat(64);
    expect(parseArtifactRef(`sha256:${hex}`)).toEqual({ hex, full: true });
    expect(parseArtifactRef('ABCDEF12')).toEqual({ hex: 'abcdef12', full: false });
    expect(await errorCode(() => parseArtifactRef('abc'))).toBe('INVALID_ID');
    expect(await errorCode(() => parseArtifactRef('sha256:../../x'))).toBe('INVALID_ID');
  });

  it('errors serialise to the shared JSON shape', () => {
    const err = new OrchestrationError('UNKNOWN_SERVER', 'nope', { serverId: 'x' });
    expect(err.toJSON()).toEqual({
      error: { code: 'UNKNOWN_SERVER', message: 'nope', details: { serverId: 'x' } },
    });
    expect(new OrchestrationError('NO_CHANGES', 'same').toJSON()).toEqual({
      error: { code: 'NO_CHANGES', message: 'same' },
    });
  });
});
