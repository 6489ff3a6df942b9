/**
 * Golden tests of the managed-settings exports (test/fixtures/policy-export/), and the documented
 * examples of each format reproduced from a policy.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Payload } from '../core/schemas/payload.js';
import { builtinCatalog } from '../registry/registry.js';
import { parsePolicy } from './policy.js';
import { EXPORT_FORMATS, exportPolicy, SYSTEM_PATHS } from './policy-export.js';

const GOLDEN = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/policy-export/${name}`, import.meta.url));
const catalog = new Map(builtinCatalog().map((d) => [d.id, d]));
const lookup = { server: (id: string) => catalog.get(id), namespace: 'com.acme' };

const payload: Payload = {
  mcpServers: {
    memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
    'acme-tools': {
      command: 'npx',
      args: ['-y', '@acme/tools@1.2.0'],
      env: { ACME_TOKEN: '${env:ACME_TOKEN}' },
    },
    analytics: {
      type: 'http',
      url: 'https://mcp.acme.com/mcp',
      headers: { Authorization: 'Bearer ${env:ACME_ANALYTICS_KEY}' },
    },
  },
};
const policy = parsePolicy(`allow:
  - server: memory
  - package: npm:@acme/*
  - url: https://*.acme.com/*
deny:
  - command: curl
  - server: fetch
transports: [stdio, http]
require_env_references: true
max_servers: 20
`);

function golden(name: string, text: string): void {
  const file = GOLDEN(name);
  // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** Claude Code's server entry, as its docs define it (code.claude.com/docs/en/mcp). */
const ClaudeEntry = z.union([
  z
    .object({
      type: z.literal('stdio'),
      command: z.string(),
      args: z.array(z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
  z
    .object({
      type: z.enum(['http', 'sse']),
      url: z.string(),
      headers: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
]);
const Matcher = z.union([
  z.object({ serverName: z.string() }).strict(),
  z.object({ serverCommand: z.array(z.string()).min(1) }).strict(),
  z.object({ serverUrl: z.string() }).strict(),
]);
const ManagedSettings = z
  .object({ allowedMcpServers: z.array(Matcher).optional(), deniedMcpServers: z.array(Matcher).optional() })
  .strict();

describe('exportPolicy golden files', () => {
  it('claude-code-managed-mcp: the profile in Claude Code shape, references as ${NAME}', () => {
    const out = exportPolicy('claude-code-managed-mcp', { payload, policy, lookup });
    golden('claude-code-managed-mcp.json', out.text);
    const servers = out.content.mcpServers as Record<string, unknown>;
    for (const entry of Object.values(servers)) expect(ClaudeEntry.safeParse(entry).success).toBe(true);
    expect(out.text).toContain('"ACME_TOKEN": "${ACME_TOKEN}"');
    expect(out.paths).toEqual(SYSTEM_PATHS['claude-code-managed-mcp']);
  });

  it('claude-code-managed-mcp refuses a profile that breaks the policy', () => {
    const bad: Payload = {
      mcpServers: { ...payload.mcpServers, fetch: { command: 'uvx', args: ['mcp-server-fetch'] } },
    };
    expect(() => exportPolicy('claude-code-managed-mcp', { payload: bad, policy, lookup })).toThrow(
      expect.objectContaining({ code: 'POLICY_VIOLATION' }),
    );
  });

  for (const format of ['claude-code-managed-settings', 'copilot-managed-settings'] as const) {
    it(`${format}: allow and deny lists, native where possible`, () => {
      const out = exportPolicy(format, { payload, policy, lookup });
      golden(`${format}.json`, out.text);
      expect(ManagedSettings.safeParse(out.content).success).toBe(true);
      expect(out.content.deniedMcpServers).toEqual([{ serverName: 'fetch' }]);
      expect(out.notes.join('\n')).toContain('deny[0] (command "curl") has no equivalent here');
      expect(out.notes.join('\n')).toContain('"max_servers" has no equivalent here');
    });
  }

  it('vscode-policy: the gallery URL of the hub', () => {
    const out = exportPolicy('vscode-policy', { registryUrl: 'https://hub.acme.com/v0.1/servers' });
    golden('vscode-policy.json', out.text);
    expect(out.content).toEqual({ McpGalleryServiceUrl: 'https://hub.acme.com' });
    expect(out.paths.linux).toBe('/etc/vscode/policy.json');
  });

  it('says what each format needs', () => {
    expect(() => exportPolicy('vscode-policy', {})).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => exportPolicy('claude-code-managed-settings', {})).toThrow(/needs a policy/);
    expect(() => exportPolicy('claude-code-managed-mcp', {})).toThrow(/needs a published profile/);
  });

  it('gives macOS, Windows and Linux paths for every format', () => {
    for (const format of EXPORT_FORMATS) {
      expect(Object.keys(SYSTEM_PATHS[format]).sort()).toEqual(['linux', 'macos', 'windows']);
    }
  });

  it('the governance guide gives the same paths, in its table of formats', () => {
    const guide = readFileSync(
      fileURLToPath(new URL('../../user-docs/how-to/govern-mcp-servers.md', import.meta.url)),
      'utf8',
    );
    for (const format of EXPORT_FORMATS) {
      const row = guide.split('\n').find((line) => line.trim().startsWith(`| \`${format}\` |`));
      expect(row, `no row for ${format}`).toBeDefined();
      const [, , macos, windows, linux] = (row ?? '')
        .replaceAll('`', '')
        .split('|')
        .map((c) => c.trim());
      expect(macos).toContain(SYSTEM_PATHS[format].macos);
      expect(windows).toContain(SYSTEM_PATHS[format].windows);
      expect(linux).toContain(SYSTEM_PATHS[format].linux);
    }
  });
});

describe('documented examples', () => {
  it("reproduces the allowlist example of GitHub's Copilot docs", () => {
    // docs.github.com/en/copilot/how-tos/administer-copilot/manage-mcp-usage/configure-enterprise-allowlist
    const documented = {
      allowedMcpServers: [
        { serverUrl: 'https://api.githubcopilot.com/*' },
        { serverCommand: ['npx', '@playwright/mcp@latest'] },
        { serverCommand: ['cmd', '/c', 'uvx', 'markitdown-mcp'] },
      ],
      deniedMcpServers: [{ serverCommand: ['npx', '-y', '@modelcontextprotocol/server-filesystem', '/'] }],
    };
    const profile: Payload = {
      mcpServers: {
        github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' },
        playwright: { command: 'npx', args: ['@playwright/mcp@latest'] },
        markitdown: { command: 'cmd', args: ['/c', 'uvx', 'markitdown-mcp'] },
        'root-files': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/'] },
      },
    };
    const out = exportPolicy('copilot-managed-settings', {
      payload: profile,
      policy: parsePolicy(`allow:
  - url: https://api.githubcopilot.com/*
  - package: npm:@playwright/mcp
  - package: pypi:markitdown-mcp
deny:
  - server: root-files
    package: npm:@modelcontextprotocol/server-filesystem
`),
    });
    expect(out.content).toEqual(documented);
  });

  it("reproduces the serverName example of Claude Code's docs", () => {
    // code.claude.com/docs/en/managed-mcp (allowedMcpServers / deniedMcpServers by serverName)
    const out = exportPolicy('claude-code-managed-settings', {
      policy: parsePolicy('allow:\n  - server: github\n  - server: sentry\ndeny:\n  - server: filesystem\n'),
    });
    expect(out.content).toEqual({
      allowedMcpServers: [{ serverName: 'github' }, { serverName: 'sentry' }],
      deniedMcpServers: [{ serverName: 'filesystem' }],
    });
  });
});
