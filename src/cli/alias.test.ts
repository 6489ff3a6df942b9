import { describe, expect, it } from 'vitest';
import { ALIASES, translateAlias } from './alias.js';

describe('seed-compatible aliases', () => {
  it('covers every alias of DESIGN.md section 5', () => {
    expect(Object.keys(ALIASES).sort()).toEqual(
      [
        'init',
        'add-server',
        'remove-server',
        'list-servers',
        'describe-server',
        'publish-config',
        'deploy-config',
        'serve-http',
        'generate-token',
      ]
        .map((a) => `mcp-orchestration-${a}`)
        .sort(),
    );
  });

  it('translates the old flags', () => {
    expect(
      translateAlias('mcp-orchestration-add-server', [
        '--server-id',
        'github',
        '--client',
        'cursor',
        '--env',
        'A=1',
      ]),
    ).toEqual(['draft', 'add', 'github', '--client', 'cursor', '--env', 'A=1']);
    expect(translateAlias('mcp-orchestration-init', ['--storage-path', '/x', '--regenerate'])).toEqual([
      'init',
      '--home',
      '/x',
      '--regenerate',
    ]);
    expect(
      translateAlias('mcp-orchestration-publish-config', ['--changelog', 'c', '--format', 'json']),
    ).toEqual(['publish', '--changelog', 'c', '--json']);
    expect(translateAlias('mcp-orchestration-remove-server', ['--server-name', 'gh'])).toEqual([
      'draft',
      'remove',
      'gh',
    ]);
    expect(
      translateAlias('mcp-orchestration-add-server', ['--server-id', 'fs', '--server-name', 'files']),
    ).toEqual(['draft', 'add', 'fs', '--name', 'files']);
    expect(translateAlias('unknown', ['a'])).toEqual(['a']);
  });
});
