import { describe, expect, it } from 'vitest';
import type { Payload } from '../core/schemas/payload.js';
import type { PolicyRule } from '../core/schemas/policy.js';
import { builtinCatalog } from '../registry/registry.js';
import { checkPolicy, parsePolicy } from './policy.js';
import { entryFacts, urlGlobMatch } from './policy-match.js';

const catalog = new Map(builtinCatalog().map((d) => [d.id, d]));
const lookup = { server: (id: string) => catalog.get(id), namespace: 'com.acme' };

const payload: Payload = {
  mcpServers: {
    memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
    tools: {
      command: 'npx',
      args: ['-y', '@acme/tools@1.2.0', '--root', '/srv'],
      env: { ACME_TOKEN: 'abc123' },
    },
    fetcher: { command: '/usr/bin/curl', args: ['https://x'] },
    analytics: {
      type: 'http',
      url: 'https://mcp.acme.com/mcp',
      headers: { Authorization: 'Bearer ${env:ACME_KEY}' },
    },
    bridge: { command: 'npx', args: ['-y', 'mcp-remote', 'https://evil.example/mcp'] },
  },
};
const rules = (issues: { rule?: string | undefined; server?: string | undefined }[]) =>
  issues.map((i) => `${i.server ?? '*'}:${i.rule}`);

describe('parsePolicy', () => {
  it('reads the YAML of the design, and JSON', () => {
    const yaml = `allow:
  - server: memory
  - package: npm:@acme/*
  - url: https://*.acme.com/*
deny:
  - command: curl
transports: [stdio, http]
require_env_references: true
max_servers: 20
`;
    const policy = parsePolicy(yaml);
    expect(policy.allow).toHaveLength(3);
    expect(policy.max_servers).toBe(20);
    expect(parsePolicy(JSON.stringify(policy))).toEqual(policy);
  });

  it('says where a policy is wrong', () => {
    const at = (text: string) => {
      try {
        parsePolicy(text, 'policy.yaml');
      } catch (err) {
        return `${(err as Error & { code: string }).code} ${(err as Error).message}`;
      }
      return 'ok';
    };
    expect(at('deny: [command: curl')).toMatch(
      /^VALIDATION_ERROR policy.yaml is not valid YAML or JSON \(line 1/,
    );
    expect(at('deny:\n  - package: cargo:foo\n')).toMatch(/at deny\[0\]\.package: expected npm:NAME/);
    expect(at('deny:\n  - {}\n')).toMatch(/at deny\[0\]: a rule needs one of/);
    expect(at('deny:\n  - versions: ["1"]\n    server: x\n')).toMatch(/"versions" pins a "package"/);
    expect(at('alow: []\n')).toMatch(/VALIDATION_ERROR/);
    expect(at('max_servers: -1\n')).toMatch(/at max_servers/);
  });
});

describe('checkPolicy', () => {
  it('passes everything under an empty policy', () => {
    expect(checkPolicy(payload, {}, lookup)).toEqual([]);
  });

  it('denies by command, naming the rule and pointing at the command', () => {
    const [issue, ...rest] = checkPolicy(
      payload,
      { deny: [{ server: 'nothing' }, { command: 'curl' }] },
      lookup,
    );
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: 'POLICY_VIOLATION',
      severity: 'error',
      rule: 'deny[1]',
      path: '/mcpServers/fetcher/command',
      server: 'fetcher',
    });
    expect(issue?.message).toContain('deny[1]: command "curl"');
  });

  it('denies by package glob and pinned versions, pointing at the argument', () => {
    const glob = checkPolicy(payload, { deny: [{ package: 'npm:@acme/*' }] }, lookup);
    expect(glob.map((i) => i.path)).toEqual(['/mcpServers/tools/args/1']);
    expect(checkPolicy(payload, { deny: [{ package: 'npm:@acme/tools@1.2.0' }] }, lookup)).toHaveLength(1);
    expect(
      checkPolicy(payload, { deny: [{ package: 'npm:@acme/tools', versions: ['1.3.0'] }] }, lookup),
    ).toEqual([]);
  });

  it('denies by URL, also through an mcp-remote bridge, and keeps * inside the host', () => {
    const issues = checkPolicy(payload, { deny: [{ url: 'https://evil.example/*' }] }, lookup);
    expect(issues.map((i) => `${i.server} ${i.path}`)).toEqual(['bridge /mcpServers/bridge/args']);
    expect(urlGlobMatch('https://*.acme.com/*', 'https://mcp.acme.com/mcp')).toBe(true);
    expect(urlGlobMatch('https://*.acme.com/*', 'https://mcp.acme.com')).toBe(true);
    expect(urlGlobMatch('https://*.acme.com/*', 'https://evil.example/x.acme.com/')).toBe(false);
    expect(urlGlobMatch('https://*.acme.com/*', 'https://user@evil.example/.acme.com/')).toBe(false);
  });

  it('allows only what matches the allow list, and deny wins over allow', () => {
    const policy = {
      allow: [{ server: 'memory' }, { package: 'npm:@acme/*' }, { url: 'https://*.acme.com/*' }],
      deny: [{ package: 'npm:@acme/tools' }],
    };
    expect(rules(checkPolicy(payload, policy, lookup))).toEqual([
      'tools:deny[0]',
      'fetcher:allow',
      'bridge:allow',
    ]);
  });

  it('matches pypi and oci packages by type, glob and pinned version, pointing at the argument', () => {
    const runners: Payload = {
      mcpServers: {
        git: { command: 'uvx', args: ['mcp-server-git==1.2', '--repository', '.'] },
        img: { command: 'docker', args: ['run', '-i', '--rm', '-e', 'TOKEN', 'ghcr.io/acme/img:1.4'] },
      },
    };
    const denied = (rule: PolicyRule) =>
      checkPolicy(runners, { deny: [rule] }, lookup).map((i) => `${i.server} ${i.path}`);
    expect(denied({ package: 'pypi:mcp-server-*' })).toEqual(['git /mcpServers/git/args/0']);
    expect(denied({ package: 'pypi:mcp-server-git@1.2' })).toEqual(['git /mcpServers/git/args/0']);
    expect(denied({ package: 'pypi:mcp-server-git', versions: ['1.3'] })).toEqual([]);
    // The type is part of the identifier: an npm rule never matches a pypi package.
    expect(denied({ package: 'npm:mcp-server-git' })).toEqual([]);
    expect(denied({ package: 'oci:ghcr.io/acme/*' })).toEqual(['img /mcpServers/img/args/5']);
    expect(denied({ package: 'oci:ghcr.io/acme/img@1.4' })).toEqual(['img /mcpServers/img/args/5']);
    expect(denied({ package: 'oci:ghcr.io/acme/img', versions: ['2.0'] })).toEqual([]);
    expect(rules(checkPolicy(runners, { allow: [{ package: 'oci:ghcr.io/acme/*' }] }, lookup))).toEqual([
      'git:allow',
    ]);
  });

  it('requires references for secret-looking headers of remote servers too', () => {
    const remote = (headers: Record<string, string>): Payload => ({
      mcpServers: { api: { type: 'http', url: 'https://mcp.acme.com/mcp', headers } },
    });
    const issues = checkPolicy(
      remote({ Authorization: 'Bearer sk-live-0123456789', 'X-Trace': 'on' }),
      { require_env_references: true },
      lookup,
    );
    expect(issues.map((i) => `${i.rule} ${i.path}`)).toEqual([
      'require_env_references /mcpServers/api/headers/Authorization',
    ]);
    expect(issues[0]?.message).toContain('header "Authorization" holds a literal secret');
    expect(
      checkPolicy(
        remote({ Authorization: 'Bearer ${env:ACME_KEY}' }),
        { require_env_references: true },
        lookup,
      ),
    ).toEqual([]);
  });

  it('matches registry names and catalog ids of servers from the catalog', () => {
    const issues = checkPolicy(payload, { deny: [{ registry: 'io.mcp-orchestration.catalog/*' }] }, lookup);
    expect(rules(issues)).toEqual(['memory:deny[0]']);
    // A config name that is a catalog id but runs something else is not that catalog server.
    const impostor = { mcpServers: { memory: { command: 'npx', args: ['-y', 'not-memory'] } } };
    expect(checkPolicy(impostor, { deny: [{ registry: 'io.mcp-orchestration.catalog/*' }] }, lookup)).toEqual(
      [],
    );
    const viaOrigin = { ...lookup, origin: (name: string) => (name === 'mem2' ? 'memory' : undefined) };
    const renamed = { mcpServers: { mem2: payload.mcpServers.memory as never } };
    expect(rules(checkPolicy(renamed, { deny: [{ server: 'memory' }] }, viaOrigin))).toEqual([
      'mem2:deny[0]',
    ]);
  });

  it('checks transports, secret references and the server count', () => {
    const issues = checkPolicy(
      payload,
      { transports: ['stdio'], require_env_references: true, max_servers: 3 },
      lookup,
    );
    expect(issues.map((i) => `${i.rule} ${i.path}`)).toEqual([
      'max_servers /mcpServers',
      'require_env_references /mcpServers/tools/env/ACME_TOKEN',
      'transports /mcpServers/analytics/type',
    ]);
  });
});

describe('entryFacts', () => {
  it('reads the package of each runner', () => {
    const pkg = (command: string, args: string[]) => entryFacts({ command, args }).packages[0];
    expect(pkg('npx', ['-y', '@scope/a@2.0.0'])).toMatchObject({
      type: 'npm',
      name: '@scope/a',
      version: '2.0.0',
    });
    expect(pkg('npx', ['-y', '--package', 'b@1', 'b-bin'])).toMatchObject({ name: 'b', version: '1' });
    expect(pkg('uvx', ['mcp-server-git==1.2', '--repository', '.'])).toMatchObject({
      type: 'pypi',
      name: 'mcp-server-git',
      version: '1.2',
    });
    expect(pkg('uvx', ['--from', 'redis-mcp-server@latest', 'redis-mcp-server'])).toMatchObject({
      name: 'redis-mcp-server',
    });
    expect(pkg('docker', ['run', '-i', '--rm', '-e', 'TOKEN', 'ghcr.io/acme/img:1.4'])).toMatchObject({
      type: 'oci',
      name: 'ghcr.io/acme/img',
      version: '1.4',
      argIndex: 5,
    });
    expect(pkg('cmd', ['/c', 'npx', '-y', 'x@3'])).toMatchObject({ name: 'x', version: '3', argIndex: 3 });
    expect(entryFacts({ command: 'C:\\Tools\\CURL.EXE' }).commandName).toBe('curl');
  });
});
