/**
 * @module workflows/policy-export
 * The policy and a profile's servers, written in each client's own managed-settings format, with
 * the system path where an admin (or MDM) puts the file. Pure: data in, file content out.
 *
 * - `claude-code-managed-mcp`: Claude Code's `managed-mcp.json`, a fixed set of servers users cannot
 *   change. https://code.claude.com/docs/en/managed-mcp
 * - `claude-code-managed-settings`: `allowedMcpServers` / `deniedMcpServers` in Claude Code's
 *   `managed-settings.json`, entries `{serverName}`, `{serverCommand: [argv]}` (exact match) or
 *   `{serverUrl}` (`*` wildcards). https://code.claude.com/docs/en/managed-mcp ,
 *   https://code.claude.com/docs/en/settings
 * - `copilot-managed-settings`: the same two lists in GitHub Copilot's enterprise
 *   `managed-settings.json`. https://docs.github.com/en/copilot/how-tos/administer-copilot/manage-mcp-usage/configure-enterprise-allowlist ,
 *   https://docs.github.com/en/copilot/reference/enterprise-administrators/enterprise-managed-settings ;
 *   file paths from microsoft/vscode#321870 ("Load managed-settings.json from well-known disk path").
 * - `vscode-policy`: VS Code's `McpGalleryServiceUrl` policy (setting `chat.mcp.gallery.serviceUrl`)
 *   pointing the MCP gallery at our registry API. https://code.visualstudio.com/docs/setup/enterprise ;
 *   the policy name is in microsoft/vscode build/lib/policies/policyData.jsonc.
 */
import { getAdapter, translateForClient } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { isRemote, type Payload } from '../core/schemas/payload.js';
import type { Policy, PolicyRule } from '../core/schemas/policy.js';
import { registryBase } from '../registry/api/client.js';
import { checkPolicy, describeRule, type PolicyLookup } from './policy.js';
import { urlGlobMatch } from './policy-match.js';

export const EXPORT_FORMATS = [
  'claude-code-managed-mcp',
  'claude-code-managed-settings',
  'copilot-managed-settings',
  'vscode-policy',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface SystemPaths {
  macos: string;
  windows: string;
  linux: string;
}

/** Where each file goes. Claude Code read `C:\ProgramData\ClaudeCode\` before version 2. */
export const SYSTEM_PATHS: Record<ExportFormat, SystemPaths> = {
  'claude-code-managed-mcp': {
    macos: '/Library/Application Support/ClaudeCode/managed-mcp.json',
    windows: 'C:\\Program Files\\ClaudeCode\\managed-mcp.json',
    linux: '/etc/claude-code/managed-mcp.json',
  },
  'claude-code-managed-settings': {
    macos: '/Library/Application Support/ClaudeCode/managed-settings.json',
    windows: 'C:\\Program Files\\ClaudeCode\\managed-settings.json',
    linux: '/etc/claude-code/managed-settings.json',
  },
  'copilot-managed-settings': {
    macos: '/Library/Application Support/GitHubCopilot/managed-settings.json',
    windows: 'C:\\Program Files\\GitHubCopilot\\managed-settings.json',
    linux: '/etc/github-copilot/managed-settings.json',
  },
  // Linux reads a JSON file; Windows a registry value, macOS a configuration profile (see notes).
  'vscode-policy': {
    macos: 'a configuration profile for com.microsoft.VSCode, key McpGalleryServiceUrl',
    windows: 'HKLM\\Software\\Policies\\Microsoft\\VSCode, string value McpGalleryServiceUrl',
    linux: '/etc/vscode/policy.json',
  },
};

export interface ExportInput {
  policy?: Policy;
  /** The profile's servers (its head). */
  payload?: Payload;
  lookup?: PolicyLookup;
  /** The hub's URL, whose `/v0.1` the IDE gallery reads (vscode-policy). */
  registryUrl?: string;
}

export interface PolicyExport {
  format: ExportFormat;
  content: Record<string, unknown>;
  /** The content as the file's text. */
  text: string;
  paths: SystemPaths;
  /** What the format cannot express and is enforced by mcp-orchestration only. */
  notes: string[];
}

type Matcher = { serverName: string } | { serverCommand: string[] } | { serverUrl: string };

function need<T>(value: T | undefined, what: string, format: ExportFormat): T {
  if (value !== undefined) return value;
  throw new OrchestrationError('INVALID_INPUT', `--format ${format} needs ${what}.`, { format });
}

/** The concrete matcher of one profile server: its exact command line, or its URL. */
function concrete(payload: Payload, name: string): Matcher {
  const entry = payload.mcpServers[name];
  if (!entry) return { serverName: name };
  return isRemote(entry)
    ? { serverUrl: entry.url }
    : { serverCommand: [entry.command, ...(entry.args ?? [])] };
}

/** The matchers for one rule: native where the format has one, else the profile's matching servers. */
function matchersFor(rule: PolicyRule, at: string, input: ExportInput, notes: string[]): Matcher[] {
  const native = rule.registry === undefined && rule.package === undefined && rule.command === undefined;
  if (native && rule.server !== undefined && rule.url === undefined && !rule.server.includes('*')) {
    return [{ serverName: rule.server }];
  }
  if (native && rule.url !== undefined && rule.server === undefined) return [{ serverUrl: rule.url }];
  const payload = input.payload ?? { mcpServers: {} };
  const probe: Policy = { deny: [rule] };
  const hits = Object.keys(payload.mcpServers).filter(
    (name) =>
      checkPolicy({ mcpServers: { [name]: payload.mcpServers[name] } }, probe, input.lookup).length > 0,
  );
  notes.push(
    `${at} (${describeRule(rule)}) has no equivalent here; ${hits.length > 0 ? `listed as the exact command or URL of ${hits.join(', ')}` : 'no server of the profile matches it, so it is left out'}. mcp-orchestration still enforces it.`,
  );
  return hits.map((name) => concrete(payload, name));
}

function dedupe(list: Matcher[]): Matcher[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = JSON.stringify(m);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The clients check a stdio server only against `serverCommand` entries once the allow list has
 * any (and a remote one against `serverUrl` entries): the profile's allowed servers that no such
 * entry covers are added with their exact command or URL, so the export does not block them.
 */
function stillBlocked(allowed: Matcher[], policy: Policy, input: ExportInput): Matcher[] {
  const payload = input.payload ?? { mcpServers: {} };
  const commands = allowed.flatMap((m) => ('serverCommand' in m ? [JSON.stringify(m.serverCommand)] : []));
  const urls = allowed.flatMap((m) => ('serverUrl' in m ? [m.serverUrl] : []));
  const rules: Policy = {
    ...(policy.allow ? { allow: policy.allow } : {}),
    ...(policy.deny ? { deny: policy.deny } : {}),
  };
  return Object.entries(payload.mcpServers)
    .filter(([name, entry]) => {
      if (checkPolicy({ mcpServers: { [name]: entry } }, rules, input.lookup).length > 0) return false;
      if (isRemote(entry)) return urls.length > 0 && !urls.some((u) => urlGlobMatch(u, entry.url));
      return (
        commands.length > 0 && !commands.includes(JSON.stringify([entry.command, ...(entry.args ?? [])]))
      );
    })
    .map(([name]) => concrete(payload, name));
}

function allowDeny(
  format: ExportFormat,
  input: ExportInput,
): { content: Record<string, unknown>; notes: string[] } {
  const policy = need(input.policy, 'a policy (policy set FILE)', format);
  const notes: string[] = [];
  const content: Record<string, unknown> = {};
  if (policy.allow) {
    const allowed = dedupe(policy.allow.flatMap((r, i) => matchersFor(r, `allow[${i}]`, input, notes)));
    content.allowedMcpServers = dedupe([...allowed, ...stillBlocked(allowed, policy, input)]);
    notes.push(
      'Once the allow list holds a serverCommand (or serverUrl) entry, every stdio (or remote) server must match one of those entries; the profile servers the policy allows are listed so.',
    );
  }
  if (policy.deny) {
    content.deniedMcpServers = dedupe(
      policy.deny.flatMap((r, i) => matchersFor(r, `deny[${i}]`, input, notes)),
    );
  }
  for (const key of ['transports', 'require_env_references', 'max_servers'] as const) {
    if (policy[key] !== undefined)
      notes.push(`"${key}" has no equivalent here; mcp-orchestration enforces it.`);
  }
  return { content, notes };
}

/**
 * Writes the policy (and the profile's servers) in a client's managed format.
 * @example exportPolicy('claude-code-managed-settings', { policy: { deny: [{ server: 'fetch' }] } }).content
 * // { deniedMcpServers: [{ serverName: 'fetch' }] }
 */
export function exportPolicy(format: ExportFormat, input: ExportInput): PolicyExport {
  let content: Record<string, unknown>;
  let notes: string[] = [];
  switch (format) {
    case 'claude-code-managed-mcp': {
      const payload = need(input.payload, 'a published profile (--client C --profile P)', format);
      // Claude Code expands ${NAME} in managed-mcp.json as in .mcp.json, so references stay references.
      const { servers } = translateForClient(getAdapter('claude-code'), payload, {
        env: {},
        platform: 'linux',
      });
      content = { mcpServers: servers };
      if (input.policy) {
        const issues = checkPolicy(payload, input.policy, input.lookup);
        if (issues.length > 0) {
          throw new OrchestrationError(
            'POLICY_VIOLATION',
            `The profile breaks the policy, so it is not exported: ${issues[0]?.message}`,
            { errors: issues },
          );
        }
      }
      break;
    }
    case 'claude-code-managed-settings':
    case 'copilot-managed-settings':
      ({ content, notes } = allowDeny(format, input));
      break;
    case 'vscode-policy': {
      const url = registryBase(need(input.registryUrl, 'the hub URL (--registry-url URL)', format));
      content = { McpGalleryServiceUrl: url };
      notes = [
        `Windows: set the string value McpGalleryServiceUrl = ${url} under HKLM\\Software\\Policies\\Microsoft\\VSCode (Group Policy ADMX from VS Code's release).`,
        `macOS: deploy a configuration profile for com.microsoft.VSCode with McpGalleryServiceUrl = ${url}.`,
        'The registry must be readable by the IDE: start serve with --public-registry, or give the IDE a reader token.',
      ];
      break;
    }
  }
  return {
    format,
    content,
    text: `${JSON.stringify(content, null, 2)}\n`,
    paths: SYSTEM_PATHS[format],
    notes,
  };
}
