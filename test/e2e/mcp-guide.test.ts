/**
 * The Claude Desktop guide is true: its shell steps run as written (against the built binary, in a
 * temp home), and the client config entry it shows is exactly what our own
 * deploy command writes into Claude Desktop's config file.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const GUIDE = readFileSync(
  new URL('../../user-docs/how-to/use-with-claude-desktop.md', import.meta.url),
  'utf8',
);
const ENTRY = {
  mcpServers: { 'mcp-orchestration': { command: 'npx', args: ['-y', 'mcp-orchestration', 'mcp'] } },
};

interface Block {
  lang: string;
  body: string;
}

/** Fenced blocks in order, with their indentation (inside list items) removed. */
function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const fence = /^([ \t]*)```(\w*)\n([\s\S]*?)\n\1```/gm;
  for (const m of markdown.matchAll(fence)) {
    const indent = m[1] ?? '';
    const body = (m[3] ?? '')
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    found.push({ lang: m[2] ?? '', body });
  }
  return found;
}

let temp: TempHome;
let bin: string;
beforeEach(() => {
  temp = makeTempHome('mo-guide-');
  // `mcp-orchestration` on PATH is the built binary, as after `npm install -g`.
  bin = join(temp.root, 'bin');
  mkdirSync(bin);
  const shim = join(bin, 'mcp-orchestration');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
});
afterEach(() => temp.cleanup());

describe('how-to: use with Claude Desktop', () => {
  it('shows the exact client config entry', () => {
    const json = blocks(GUIDE).filter((b) => b.lang === 'json');
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0]?.body ?? '')).toEqual(ENTRY);
  });

  it('runs its steps as written and deploys that very entry to Claude Desktop', () => {
    const all = blocks(GUIDE);
    const env = { ...temp.env, PATH: `${bin}:${temp.env.PATH}` };
    let steps = 0;
    all.forEach((block) => {
      if (block.lang !== 'bash') return;
      const res = spawnSync('bash', ['-euo', 'pipefail', '-c', block.body], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(res.status, `${block.body}\n${res.stderr}`).toBe(0);
      // The expected output blocks are checked by the guide runner (test/docs/guides.test.ts).
      steps++;
    });
    expect(steps).toBeGreaterThanOrEqual(6);

    const configFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual(ENTRY);
  });

  it('publishing the entry as a file and deploying it writes the same servers', () => {
    const entryFile = join(temp.root, 'entry.json');
    writeFileSync(entryFile, blocks(GUIDE).find((b) => b.lang === 'json')?.body ?? '');
    const target = join(temp.root, 'claude_desktop_config.json');
    writeFileSync(target, '{\n  "globalShortcut": "Alt+Space"\n}\n');
    expect(runCli(['init'], temp.env).status).toBe(0);
    expect(runCli(['publish', '--file', entryFile, '--changelog', 'guide entry'], temp.env).status).toBe(0);
    const deployed = runCli(['deploy', '--path', target, '--json'], temp.env);
    expect(deployed.status, deployed.stderr).toBe(0);
    const written = JSON.parse(readFileSync(target, 'utf8'));
    expect(written).toEqual({ globalShortcut: 'Alt+Space', ...ENTRY });
  });
});
