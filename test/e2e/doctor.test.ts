/**
 * `doctor` through the binary on real files in a temp home: text and --json, exit 0 with warnings
 * only, exit 1 once a check fails, and nothing written either way.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome('mo-doctor-e2e-');
  // The PATH the clients would see: node and npx, no uvx.
  const bin = join(temp.root, 'bin');
  for (const name of ['node', 'npx']) {
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, name), 0o755);
  }
  temp.env.PATH = bin;
});
afterEach(() => temp.cleanup());

const cli = (...args: string[]) => runCli(args, temp.env);

describe('mcp-orchestration doctor', () => {
  it('passes with warnings on a fresh machine, then fails on a broken client file', () => {
    const fresh = cli('doctor');
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toContain(`ok   node: node is at ${join(temp.root, 'bin', 'node')}`);
    expect(fresh.stdout).toMatch(/warn uvx: uvx is not on the PATH.*Catalog servers that run with uvx: /);
    expect(fresh.stdout).toContain('next: Run "mcp-orchestration init"');
    // The built command finds the native edit guard beside its bundle (Linux; CI builds it).
    const linux = process.platform === 'linux';
    expect(fresh.stdout).toContain(
      linux ? 'ok   edit-guard: Deploys swap client files in' : 'warn edit-guard:',
    );
    expect(fresh.stdout.trim().split('\n').at(-1)).toBe(
      linux
        ? 'All checks passed with 2 warnings (6 checks ok).'
        : 'All checks passed with 3 warnings (5 checks ok).',
    );

    expect(cli('init').status).toBe(0);
    const file = join(temp.userHome, '.cursor', 'mcp.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"mcpServers": {');
    const broken = cli('doctor', '--json');
    expect(broken.status).toBe(1);
    const report = broken.json();
    expect(report.ok).toBe(false);
    expect(report.checks).toContainEqual(
      expect.objectContaining({ check: 'client-file', status: 'fail', subject: file }),
    );
    expect(report.checks).toContainEqual(expect.objectContaining({ check: 'keys', status: 'ok' }));
    expect(readFileSync(file, 'utf8')).toBe('{"mcpServers": {');
    expect(cli('doctor').stdout.trim().split('\n').at(-1)).toBe(
      linux ? '1 check failed, 1 warning(s), 7 ok.' : '1 check failed, 2 warning(s), 6 ok.',
    );
  });
});
