/**
 * @module workflows/policy
 * Reading a policy file (YAML or JSON) and checking a payload against it. Pure: the caller brings
 * the catalog lookup, and gets back `POLICY_VIOLATION` issues that name the rule broken and carry
 * the JSON pointer of what breaks it, ready to join validation errors.
 */
import { parseDocument } from 'yaml';
import { OrchestrationError } from '../core/errors.js';
import { isRemote, type ServerEntry, transportOf } from '../core/schemas/payload.js';
import { type Policy, type PolicyRule, PolicySchema } from '../core/schemas/policy.js';
import type { ServerDefinition } from '../core/schemas/registry.js';
import type { ValidationIssue } from '../core/schemas/validation.js';
import { DEFAULT_USER_NAMESPACE, registryNameOf } from '../registry/api/names.js';
import { type EntryFacts, entryFacts, globMatch, type PackageRef, urlGlobMatch } from './policy-match.js';
import { holdsReference, looksSecretName } from './secrets.js';

/** The largest policy file read. */
const MAX_POLICY_CHARS = 1024 * 1024;

/**
 * Parses a policy from YAML or JSON text; `VALIDATION_ERROR` names the file, the line or field.
 * @example parsePolicy('deny:\n  - command: curl\n', 'policy.yaml') // { deny: [{ command: 'curl' }] }
 */
export function parsePolicy(text: string, source = 'the policy'): Policy {
  if (text.length > MAX_POLICY_CHARS) {
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `${source} is larger than 1 MiB; a policy is a short file.`,
    );
  }
  const doc = parseDocument(text);
  const syntax = doc.errors[0];
  if (syntax) {
    const [line, col] = syntax.linePos?.[0] ? [syntax.linePos[0].line, syntax.linePos[0].col] : [0, 0];
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `${source} is not valid YAML or JSON (line ${line}, column ${col}): ${(syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}.`,
      { line, column: col },
    );
  }
  const parsed = PolicySchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, ''),
      message: i.message,
    }));
    const first = issues[0];
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `${source} is not a valid policy${first?.path ? ` at ${first.path}` : ''}: ${first?.message ?? 'bad value'}.`,
      { issues },
    );
  }
  return parsed.data;
}

/** How a check finds the catalog server behind a config entry. */
export interface PolicyLookup {
  /** The catalog id a config entry was added from (a draft's origins). */
  origin?: (name: string) => string | undefined;
  /** The catalog server with this id. */
  server?: (id: string) => ServerDefinition | undefined;
  /** The namespace of user servers' registry names. */
  namespace?: string;
}

interface Subject {
  name: string;
  entry: ServerEntry;
  facts: EntryFacts;
  def?: ServerDefinition;
  registryName?: string;
}

const pointer = (...parts: string[]) =>
  `/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** `deny[0] (command "curl")` */
export function describeRule(rule: PolicyRule): string {
  const parts = (['server', 'registry', 'package', 'command', 'url'] as const)
    .filter((k) => rule[k] !== undefined)
    .map((k) => `${k} "${rule[k]}"`);
  if (rule.versions) parts.push(`versions ${rule.versions.join(', ')}`);
  return parts.join(', ');
}

/** The catalog server behind an entry: its draft origin, else a catalog server of that id running the same thing. */
function definitionOf(name: string, entry: ServerEntry, facts: EntryFacts, lookup: PolicyLookup) {
  const fromOrigin = lookup.origin?.(name);
  if (fromOrigin) return lookup.server?.(fromOrigin);
  const same = lookup.server?.(name);
  if (!same) return undefined;
  if (isRemote(entry)) {
    const prefix = (same.url ?? '').split('{')[0] ?? '';
    return prefix && entry.url.startsWith(prefix) ? same : undefined;
  }
  return facts.packages.some((p) => p.name === same.package.name) ? same : undefined;
}

function packageMatches(rule: PolicyRule, pkg: PackageRef): boolean {
  const spec = rule.package ?? '';
  const type = spec.slice(0, spec.indexOf(':'));
  const body = spec.slice(type.length + 1);
  const at = body.lastIndexOf('@');
  const [glob, pinned] = at > 0 ? [body.slice(0, at), body.slice(at + 1)] : [body, undefined];
  if (pkg.type !== type || !globMatch(glob, pkg.name)) return false;
  const versions = [...(pinned ? [pinned] : []), ...(rule.versions ?? [])];
  return versions.length === 0 || (pkg.version !== undefined && versions.includes(pkg.version));
}

/** Whether a rule matches, and the pointer of what it matched. */
function match(rule: PolicyRule, s: Subject): string | undefined {
  const at = pointer('mcpServers', s.name);
  let where = at;
  if (rule.server && !globMatch(rule.server, s.name) && !(s.def && globMatch(rule.server, s.def.id)))
    return undefined;
  if (rule.registry && !(s.registryName && globMatch(rule.registry, s.registryName))) return undefined;
  if (rule.package) {
    const pkg = s.facts.packages.find((p) => packageMatches(rule, p));
    if (!pkg) return undefined;
    where = pointer('mcpServers', s.name, 'args', String(pkg.argIndex));
  }
  if (rule.command) {
    const c = rule.command;
    const ok =
      c.includes('/') || c.includes('\\') ? s.facts.command === c : globMatch(c, s.facts.commandName ?? '');
    if (!ok) return undefined;
    where = pointer('mcpServers', s.name, 'command');
  }
  if (rule.url) {
    if (!s.facts.urls.some((u) => urlGlobMatch(rule.url ?? '', u))) return undefined;
    where = pointer('mcpServers', s.name, isRemote(s.entry) ? 'url' : 'args');
  }
  return where;
}

function violation(message: string, path: string, rule: string, server?: string): ValidationIssue {
  return {
    code: 'POLICY_VIOLATION',
    message,
    path,
    severity: 'error',
    rule,
    ...(server === undefined ? {} : { server }),
  };
}

function secretIssues(s: Subject): ValidationIssue[] {
  const fields = isRemote(s.entry) ? { headers: s.entry.headers ?? {} } : { env: s.entry.env ?? {} };
  const out: ValidationIssue[] = [];
  for (const [field, values] of Object.entries(fields)) {
    for (const [key, value] of Object.entries(values)) {
      if (!looksSecretName(key) || value.trim() === '' || holdsReference(value)) continue;
      const ref = key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
      out.push(
        violation(
          `Server "${s.name}": ${field === 'env' ? 'env' : 'header'} "${key}" holds a literal secret, and the policy requires references (require_env_references). Use "\${env:${ref}}".`,
          pointer('mcpServers', s.name, field, key),
          'require_env_references',
          s.name,
        ),
      );
    }
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a payload against a policy; an empty list means it complies. Entries that are not valid
 * server entries are left to validation.
 * @example
 * checkPolicy({ mcpServers: { x: { command: 'curl' } } }, { deny: [{ command: 'curl' }] }, {})[0].rule // 'deny[0]'
 */
export function checkPolicy(payload: unknown, policy: Policy, lookup: PolicyLookup = {}): ValidationIssue[] {
  const servers = isRecord(payload) && isRecord(payload.mcpServers) ? payload.mcpServers : {};
  const issues: ValidationIssue[] = [];
  const names = Object.keys(servers);
  if (policy.max_servers !== undefined && names.length > policy.max_servers) {
    issues.push(
      violation(
        `The config has ${names.length} servers; the policy allows at most ${policy.max_servers} (max_servers).`,
        '/mcpServers',
        'max_servers',
      ),
    );
  }
  for (const name of names) {
    const entry = servers[name];
    if (!isRecord(entry) || (typeof entry.command !== 'string' && typeof entry.url !== 'string')) continue;
    const typed = entry as ServerEntry;
    const facts = entryFacts(typed);
    const def = definitionOf(name, typed, facts, lookup);
    const s: Subject = {
      name,
      entry: typed,
      facts,
      ...(def ? { def, registryName: registryNameOf(def, lookup.namespace ?? DEFAULT_USER_NAMESPACE) } : {}),
    };
    issues.push(...checkServer(s, policy));
  }
  return issues;
}

function checkServer(s: Subject, policy: Policy): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const denied = (policy.deny ?? []).map((rule, i) => ({ rule, i, at: match(rule, s) })).find((d) => d.at);
  if (denied?.at) {
    issues.push(
      violation(
        `Server "${s.name}" is denied by the policy (deny[${denied.i}]: ${describeRule(denied.rule)}). Remove it, or ask an admin to change the policy.`,
        denied.at,
        `deny[${denied.i}]`,
        s.name,
      ),
    );
  } else if (policy.allow && !policy.allow.some((rule) => match(rule, s))) {
    const shown = policy.allow.slice(0, 5).map(describeRule).join('; ');
    issues.push(
      violation(
        `Server "${s.name}" is not on the policy's allow list (allow: ${shown}${policy.allow.length > 5 ? '; ...' : ''}). Use an allowed server, or ask an admin to allow it.`,
        pointer('mcpServers', s.name),
        'allow',
        s.name,
      ),
    );
  }
  const transport = transportOf(s.entry);
  if (policy.transports && !policy.transports.includes(transport)) {
    issues.push(
      violation(
        `Server "${s.name}" uses the ${transport} transport; the policy allows only ${policy.transports.join(', ')} (transports).`,
        pointer('mcpServers', s.name, 'type'),
        'transports',
        s.name,
      ),
    );
  }
  if (policy.require_env_references) issues.push(...secretIssues(s));
  return issues;
}
