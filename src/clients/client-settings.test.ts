import { describe, expect, it } from 'vitest';
import { keepClientSettings, managedKeys, managedPart } from './adapter.js';
import { getAdapter } from './index.js';

describe("the user's own client settings", () => {
  it('learns which fields each adapter writes', () => {
    expect([...managedKeys(getAdapter('claude-desktop'))].sort()).toEqual(['args', 'command', 'cwd', 'env']);
    const codex = managedKeys(getAdapter('codex'));
    expect(codex.has('command')).toBe(true);
    expect(codex.has('startup_timeout_sec')).toBe(false);
    expect(managedKeys(getAdapter('cline')).has('autoApprove')).toBe(false);
  });

  it('keeps fields the artifact does not speak about, and drops managed ones it removed', () => {
    const cline = getAdapter('cline');
    const existing = { command: 'old', args: ['x'], env: { A: '1' }, autoApprove: ['read'], disabled: false };
    const next = { command: 'new', args: ['y'] };
    expect(keepClientSettings(cline, existing, next)).toEqual({
      command: 'new',
      args: ['y'],
      autoApprove: ['read'],
      disabled: false,
    });
    expect(keepClientSettings(cline, undefined, next)).toBe(next);
    expect(managedPart(cline, existing)).toEqual({ command: 'old', args: ['x'], env: { A: '1' } });
  });
});
