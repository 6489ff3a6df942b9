/**
 * Golden files: for every adapter, a realistic `before` config plus a fixed payload (one stdio
 * server with a secret env reference, one http server with a header) must give exactly the frozen
 * `after` file, and writing the same servers again must change no byte.
 * Set UPDATE_GOLDEN=1 to create missing files (then read them before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Payload } from '../core/schemas/payload.js';
import {
  ALL_ADAPTERS,
  type ClientAdapter,
  readClientServers,
  translateForClient,
  writeClientServers,
} from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/clients');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const GOLDEN_PAYLOAD: Payload = {
  mcpServers: {
    github: {
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${env:GITHUB_TOKEN}' },
    },
    linear: {
      type: 'http',
      url: 'https://mcp.linear.app/mcp',
      headers: { Authorization: 'Bearer ${env:LINEAR_TOKEN}' },
    },
  },
};
const ENV = { GITHUB_TOKEN: 'ghp_example', LINEAR_TOKEN: 'lin_example' };

function extension(adapter: ClientAdapter): string {
  return adapter.format === 'jsonc' ? 'json' : adapter.format;
}

/** A plain `before` for clients without a hand-written one: other settings around two servers. */
function genericBefore(adapter: ClientAdapter): string {
  const servers = {
    github: adapter.toClient('github', {
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github@0.5.0'],
    }),
    obsolete: adapter.toClient('obsolete', { command: 'uvx', args: ['mcp-server-time'] }),
  };
  const root: Record<string, unknown> = { otherSetting: true };
  let node = root;
  adapter.serversKey.forEach((segment, i) => {
    const child = i === adapter.serversKey.length - 1 ? servers : {};
    node[segment] = child;
    node = child as Record<string, unknown>;
  });
  root.theme = 'dark';
  return `${JSON.stringify(root, null, 2)}\n`;
}

describe.each(ALL_ADAPTERS.map((adapter) => [adapter.id, adapter] as const))('golden %s', (id, adapter) => {
  const dir = path.join(FIXTURES, id);
  const beforePath = path.join(dir, `before.${extension(adapter)}`);
  const afterPath = path.join(dir, `after.${extension(adapter)}`);

  it('writes the frozen after file, and a second write changes nothing', () => {
    if (UPDATE && !existsSync(beforePath)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(beforePath, genericBefore(adapter));
    }
    const before = readFileSync(beforePath, 'utf8');
    const { servers } = translateForClient(adapter, GOLDEN_PAYLOAD, { env: ENV, platform: 'linux' });
    const after = writeClientServers(before, adapter, servers);
    if (UPDATE && !existsSync(afterPath)) writeFileSync(afterPath, after);
    expect(after).toBe(readFileSync(afterPath, 'utf8'));
    expect(writeClientServers(after, adapter, servers)).toBe(after);
    expect(readClientServers(after, adapter)).toEqual(servers);
  });
});
