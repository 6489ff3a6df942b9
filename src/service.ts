/**
 * @module service
 * The Orchestrator: every operation a user can do, as one typed function each. The CLI, the MCP
 * server and the HTTP API call these and nothing else.
 */
import { homedir } from 'node:os';
import { stringify as toToml } from 'smol-toml';
import { stringify as toYaml } from 'yaml';
import {
  assertClientId,
  getAdapter,
  type PathContext,
  type Platform,
  processPathContext,
  translateForClient,
  writeClientServers,
} from './clients/index.js';
import { contentId } from './core/canonical.js';
import { OrchestrationError } from './core/errors.js';
import { assertId, assertServerName } from './core/ids.js';
import type { Artifact } from './core/schemas/artifact.js';
import type { DiffResult } from './core/schemas/diff.js';
import type { Draft } from './core/schemas/draft.js';
import {
  DiffInput,
  DraftAddCustomInput,
  DraftAddInput,
  DraftRemoveInput,
  ExportInput,
  GetInput,
  HistoryInput,
  type In,
  ListServersInput,
  PublishInput,
  TargetInput,
  ValidateInput,
  VerifyInput,
} from './core/schemas/operations.js';
import { type Payload, PayloadSchema, type ServerEntry } from './core/schemas/payload.js';
import type { ServerDefinition } from './core/schemas/registry.js';
import type {
  DraftAdded,
  DraftCleared,
  DraftRemoved,
  DraftView,
  ExportResult,
  HistoryPage,
  KeyInfo,
  ProfileList,
  ProfileSummary,
  PublishResult,
  ServerRemoved,
  ServerUsage,
  TrustAddResult,
  TrustList,
  TrustRemoveResult,
  VerifyResult,
} from './core/schemas/results.js';
import type { ValidationResult } from './core/schemas/validation.js';
import {
  initKeys,
  type KeyInitResult,
  loadSigningKey,
  loadTrustedKeys,
  loadVerificationKeys,
  trustKey,
  untrustKey,
} from './crypto/keys.js';
import { buildServerEntry, Registry } from './registry/registry.js';
import { DeployOperations, deployedDiff } from './service-deploy.js';
import { loadArtifact, putArtifact } from './store/artifacts.js';
import { deleteDraft, listDraftProfiles, readDraft, updateDraft } from './store/drafts.js';
import { HomeLayout, resolveHomeDir } from './store/home.js';
import {
  appendHistory,
  listPublishedProfiles,
  readHead,
  readHistory,
  readIndex,
  requireHead,
  withProfileLock,
} from './store/profiles.js';
import { GENERATOR } from './version.js';
import { buildArtifact, verifyArtifact } from './workflows/artifact.js';
import { diffPayloads } from './workflows/diff.js';
import { invalidConfig, MAX_PAYLOAD_BYTES, validatePayload } from './workflows/validate.js';

export interface OrchestratorOptions {
  /** The home folder; defaults to `$MCP_ORCHESTRATION_HOME` or `~/.mcp-orchestration`. */
  home?: string;
  /** Environment used for client paths and `${env:NAME}` resolution (tests pass a fake one). */
  env?: NodeJS.ProcessEnv;
  /** The platform whose client paths to use (default: this machine's). */
  platform?: Platform;
  /** The project folder for project-scoped client files (default: the current folder). */
  cwd?: string;
}

export type { DraftView, ProfileSummary, PublishResult };

function target(input: In<typeof TargetInput>): { client: string; profile: string } {
  const parsed = TargetInput.parse({ client_id: input.client_id, profile_id: input.profile_id });
  return { client: assertClientId(parsed.client_id), profile: assertId('profile', parsed.profile_id) };
}

export class Orchestrator extends DeployOperations {
  readonly home: HomeLayout;
  readonly env: NodeJS.ProcessEnv;
  readonly registry: Registry;

  readonly paths: PathContext;

  constructor(options: OrchestratorOptions = {}) {
    super();
    this.env = options.env ?? process.env;
    this.home = new HomeLayout(resolveHomeDir(options.home, this.env));
    this.registry = new Registry(this.home);
    const platform = options.platform ?? processPathContext().platform;
    const userHome = (platform === 'win32' ? this.env.USERPROFILE : this.env.HOME) ?? homedir();
    this.paths = { platform, env: { ...this.env }, homedir: userHome, cwd: options.cwd ?? process.cwd() };
  }

  // ---- home and keys -------------------------------------------------------------------------

  init(options: { regenerate?: boolean } = {}): KeyInitResult & { home: string } {
    return { home: this.home.root, ...initKeys(this.home, options.regenerate ?? false) };
  }

  keysShow(): KeyInfo {
    const key = loadSigningKey(this.home);
    const retired = [...loadTrustedKeys(this.home).keys()].filter((id) => id !== key.keyId).sort();
    return {
      key_id: key.keyId,
      public_key_pem: key.publicKeyPem,
      public_key_path: this.home.publicKey,
      retired_key_ids: retired,
    };
  }

  /** The keys whose signatures verify here (crypto/trust.ts). */
  trustList(): TrustList {
    const current = loadSigningKey(this.home).keyId;
    const keys = [...loadTrustedKeys(this.home).values()].map((k) => ({
      key_id: k.key_id,
      source: k.source,
      added_at: k.added_at,
      current: k.key_id === current,
      ...(k.vouched_by === undefined ? {} : { vouched_by: k.vouched_by }),
      ...(k.note === undefined ? {} : { note: k.note }),
      public_key_pem: k.public_key_pem,
    }));
    return {
      keys: keys.sort((a, b) => Number(b.current) - Number(a.current) || a.key_id.localeCompare(b.key_id)),
    };
  }

  trustAdd(pem: string, where?: string): TrustAddResult {
    return trustKey(this.home, pem, where === undefined ? {} : { where, note: where });
  }

  trustRemove(keyId: string): TrustRemoveResult {
    return untrustKey(this.home, keyId);
  }

  // ---- registry ------------------------------------------------------------------------------

  listServers(input: In<typeof ListServersInput> = {}): ServerDefinition[] {
    const filter = ListServersInput.parse(input);
    return this.registry.list({
      ...(filter.search === undefined ? {} : { search: filter.search }),
      ...(filter.transport === undefined ? {} : { transport: filter.transport }),
      ...(filter.tag === undefined ? {} : { tag: filter.tag }),
    });
  }

  describeServer(serverId: string): ServerDefinition & { usage: ServerUsage } {
    const def = this.registry.get(assertId('server', serverId));
    const params: Record<string, string> = {};
    for (const p of def.params) params[p.name] = p.default ?? p.example ?? `<${p.name}>`;
    const env: Record<string, string> = {};
    for (const e of def.env) if (e.required) env[e.name] = `\${env:${e.name}}`;
    const { entry } = buildServerEntry(def, { params, env });
    const flags = [
      ...def.params.filter((p) => p.required).map((p) => `--param ${p.name}=${params[p.name]}`),
      ...def.env.filter((e) => e.required).map((e) => `--env ${e.name}='\${env:${e.name}}'`),
    ];
    return { ...def, usage: { cli: ['mcp-orchestration draft add', def.id, ...flags].join(' '), entry } };
  }

  addUserServer(definition: unknown, options: { replace?: boolean } = {}): ServerDefinition {
    return this.registry.addUserServer(definition, options);
  }

  removeUserServer(serverId: string): ServerRemoved {
    this.registry.removeUserServer(assertId('server', serverId));
    return { removed: serverId };
  }

  importServerJson(document: unknown, options: { id?: string } = {}): ServerDefinition {
    return this.registry.importServerJson(document, options);
  }

  // ---- drafts --------------------------------------------------------------------------------

  private view(draft: Draft): DraftView {
    return {
      client_id: draft.client_id,
      profile_id: draft.profile_id,
      payload: { mcpServers: draft.mcpServers },
      server_count: Object.keys(draft.mcpServers).length,
      updated_at: draft.updated_at,
    };
  }

  draftShow(input: In<typeof TargetInput> = {}): DraftView {
    const { client, profile } = target(input);
    return this.view(readDraft(this.home, client, profile));
  }

  draftAdd(input: In<typeof DraftAddInput>): DraftAdded {
    const parsed = DraftAddInput.parse(input);
    const { client, profile } = target(parsed);
    const def = this.registry.get(assertId('server', parsed.server_id));
    const name = assertServerName(parsed.name ?? def.id);
    const { entry } = buildServerEntry(def, { params: parsed.params, env: parsed.env });
    const origin = { server_id: def.id, params: parsed.params, env: Object.keys(parsed.env) };
    const draft = updateDraft(this.home, client, profile, (d) => {
      if (d.mcpServers[name]) throw duplicate(name, client, profile);
      d.mcpServers[name] = entry;
      d.origins[name] = origin;
    });
    // The same rules validate applies, so the hint and a later validate never disagree.
    const todo = this.check({ mcpServers: { [name]: entry } }, { [name]: origin }).errors.map(
      (e) => e.message,
    );
    return { ...this.view(draft), added: name, ...(todo.length > 0 ? { todo } : {}) };
  }

  draftAddCustom(input: In<typeof DraftAddCustomInput>): DraftAdded {
    const parsed = DraftAddCustomInput.parse(input);
    const { client, profile } = target(parsed);
    const name = assertServerName(parsed.name);
    const entry = customEntry(parsed);
    const draft = updateDraft(this.home, client, profile, (d) => {
      if (d.mcpServers[name]) throw duplicate(name, client, profile);
      d.mcpServers[name] = entry;
      delete d.origins[name];
    });
    return { ...this.view(draft), added: name };
  }

  draftRemove(input: In<typeof DraftRemoveInput>): DraftRemoved {
    const parsed = DraftRemoveInput.parse(input);
    const { client, profile } = target(parsed);
    const draft = updateDraft(this.home, client, profile, (d) => {
      if (!d.mcpServers[parsed.name]) {
        const names = Object.keys(d.mcpServers);
        throw new OrchestrationError(
          'SERVER_NOT_IN_DRAFT',
          `No server "${parsed.name}" in the ${client}/${profile} draft${names.length ? ` (it has: ${names.join(', ')})` : ' (it is empty)'}.`,
          { name: parsed.name, servers: names },
        );
      }
      delete d.mcpServers[parsed.name];
      delete d.origins[parsed.name];
    });
    return { ...this.view(draft), removed: parsed.name };
  }

  draftClear(input: In<typeof TargetInput> = {}): DraftCleared {
    const { client, profile } = target(input);
    deleteDraft(this.home, client, profile);
    return { cleared: true, client_id: client, profile_id: profile };
  }

  /** Puts the given servers into the draft (used by import): merged by name, or replacing it all. */
  draftReplace(clientId: string, profileId: string, payload: Payload, merge = false): DraftView {
    return this.view(
      updateDraft(this.home, assertClientId(clientId), assertId('profile', profileId), (d) => {
        if (!merge) {
          d.mcpServers = {};
          d.origins = {};
        }
        for (const [name, entry] of Object.entries(payload.mcpServers)) {
          d.mcpServers[name] = entry;
          delete d.origins[name];
        }
      }),
    );
  }

  // ---- validate and publish ------------------------------------------------------------------

  validate(input: In<typeof ValidateInput> = {}): ValidationResult {
    const parsed = ValidateInput.parse(input);
    const { client, profile } = target(parsed);
    if (parsed.payload !== undefined) return this.check(parsed.payload);
    const draft = readDraft(this.home, client, profile);
    return this.check({ mcpServers: draft.mcpServers }, draft.origins);
  }

  private check(payload: unknown, origins: Draft['origins'] = {}): ValidationResult {
    if (JSON.stringify(payload ?? null).length > MAX_PAYLOAD_BYTES) {
      throw new OrchestrationError(
        'PAYLOAD_TOO_LARGE',
        `The config is larger than ${MAX_PAYLOAD_BYTES} bytes.`,
      );
    }
    return validatePayload(payload, {
      origins,
      lookupServer: (id) => {
        try {
          return this.registry.get(id);
        } catch {
          return undefined;
        }
      },
      checkCommands: false,
    });
  }

  publish(input: In<typeof PublishInput>): PublishResult {
    const parsed = PublishInput.parse(input);
    const { client, profile } = target(parsed);
    const draft = parsed.payload === undefined ? readDraft(this.home, client, profile) : undefined;
    const payload = draft ? { mcpServers: draft.mcpServers } : parsed.payload;
    const validation = this.check(payload, draft?.origins);
    if (!validation.valid) {
      throw invalidConfig(
        validation,
        `Nothing was published: ${validation.errors.length} validation error(s).`,
      );
    }
    const clean = PayloadSchema.parse(payload);
    const key = loadSigningKey(this.home);
    return withProfileLock(this.home, client, profile, () => {
      const head = readHead(this.home, client, profile);
      const id = contentId(clean);
      if (head?.artifact_id === id) {
        throw new OrchestrationError(
          'NO_CHANGES',
          `The config is the same as the current head ${id}; nothing was published.`,
          {
            artifact_id: id,
          },
        );
      }
      const artifact = buildArtifact(
        {
          clientId: client,
          profileId: profile,
          payload: clean,
          changelog: parsed.changelog,
          parentId: head?.artifact_id ?? null,
          generator: GENERATOR,
        },
        key,
      );
      putArtifact(this.home, artifact);
      appendHistory(
        this.home,
        client,
        profile,
        {
          artifact_id: artifact.artifact_id,
          created_at: artifact.created_at,
          changelog: parsed.changelog,
          server_count: artifact.metadata.server_count,
          parent_artifact_id: artifact.metadata.parent_artifact_id,
        },
        head,
      );
      return {
        status: 'published',
        artifact_id: artifact.artifact_id,
        client_id: client,
        profile_id: profile,
        server_count: artifact.metadata.server_count,
        parent_artifact_id: artifact.metadata.parent_artifact_id,
        changelog: parsed.changelog,
        warnings: validation.warnings,
      };
    });
  }

  // ---- read side -----------------------------------------------------------------------------

  listProfiles(clientId: string = 'claude-desktop'): ProfileList {
    const client = assertClientId(clientId);
    const drafts = new Set(listDraftProfiles(this.home, client));
    const ids = [...new Set([...listPublishedProfiles(this.home, client), ...drafts])].sort();
    return {
      client_id: client,
      profiles: ids.map((id) => {
        const index = readIndex(this.home, client, id);
        return {
          profile_id: id,
          head: index.head,
          count: index.count,
          updated_at: index.updated_at,
          has_draft: drafts.has(id),
        };
      }),
    };
  }

  history(input: In<typeof HistoryInput> = {}): HistoryPage {
    const parsed = HistoryInput.parse(input);
    const { client, profile } = target(parsed);
    const index = readIndex(this.home, client, profile);
    if (!index.head) requireHead(this.home, client, profile);
    return {
      client_id: client,
      profile_id: profile,
      total: index.count,
      entries: readHistory(this.home, client, profile, parsed.limit, parsed.offset),
    };
  }

  /** The profile head, or another artifact of the profile, as stored. */
  get(input: In<typeof GetInput> = {}): Artifact {
    const parsed = GetInput.parse(input);
    const { client, profile } = target(parsed);
    const ref = parsed.artifact_id ?? requireHead(this.home, client, profile).artifact_id;
    return loadArtifact(this.home, client, profile, ref) as Artifact;
  }

  verify(input: In<typeof VerifyInput> = {}): VerifyResult {
    const parsed = VerifyInput.parse(input);
    const raw = parsed.artifact !== undefined ? parsed.artifact : this.get(artifactRef(parsed));
    return verifyArtifact(raw, loadVerificationKeys(this.home));
  }

  diff(input: In<typeof DiffInput>): DiffResult {
    const parsed = DiffInput.parse(input);
    const { client, profile } = target(parsed);
    const head = this.get({ client_id: client, profile_id: profile });
    const base = `head ${head.artifact_id.slice(0, 19)}`;
    if (parsed.artifact_id !== undefined) {
      const other = this.get({ client_id: client, profile_id: profile, artifact_id: parsed.artifact_id });
      return diffPayloads(head.payload, other.payload, {
        base,
        target: `artifact ${other.artifact_id.slice(0, 19)}`,
      });
    }
    if (parsed.payload !== undefined) {
      const validation = this.check(parsed.payload);
      const shapeErrors = validation.errors.filter((e) => e.code !== 'EMPTY_CONFIG');
      if (shapeErrors.length > 0) {
        throw new OrchestrationError(
          'VALIDATION_ERROR',
          `The config to compare is not valid: ${shapeErrors[0]?.message}`,
          {
            errors: shapeErrors,
          },
        );
      }
      return diffPayloads(head.payload, PayloadSchema.parse(parsed.payload), {
        base,
        target: 'the given config',
      });
    }
    if (parsed.deployed) return deployedDiff(this, client, profile, head, parsed.path);
    throw new OrchestrationError(
      'INVALID_INPUT',
      'Say what to compare the head with: a payload (--file), an artifact (--artifact) or --deployed.',
    );
  }

  /**
   * The head (or an artifact) payload as JSON, YAML or TOML; with `native`, as a fresh config file
   * of the client's own format and shape. Secret references stay references: nothing is resolved.
   */
  export(input: In<typeof ExportInput> = {}): ExportResult {
    const parsed = ExportInput.parse(input);
    const artifact = this.get(artifactRef(parsed));
    if (parsed.native) {
      const adapter = getAdapter(assertId('client', parsed.client_id));
      const keepReferences = new Proxy({}, { get: (_t, name) => `\${env:${String(name)}}` });
      const { servers } = translateForClient(adapter, artifact.payload, {
        env: keepReferences,
        platform: this.paths.platform,
      });
      return {
        format: adapter.format,
        content: writeClientServers('', adapter, servers),
        artifact_id: artifact.artifact_id,
      };
    }
    const data: unknown = artifact.payload;
    const content =
      parsed.format === 'yaml'
        ? toYaml(data)
        : parsed.format === 'toml'
          ? `${toToml(data as Record<string, unknown>)}\n`
          : `${JSON.stringify(data, null, 2)}\n`;
    return { format: parsed.format, content, artifact_id: artifact.artifact_id };
  }
}

/** The `get` input of an operation that names an artifact (its other fields are its own). */
function artifactRef(parsed: In<typeof GetInput>): In<typeof GetInput> {
  const { client_id, profile_id, artifact_id } = parsed;
  return { client_id, profile_id, ...(artifact_id === undefined ? {} : { artifact_id }) };
}

function duplicate(name: string, client: string, profile: string): OrchestrationError {
  return new OrchestrationError(
    'DUPLICATE_SERVER',
    `The ${client}/${profile} draft already has a server named "${name}". Remove it first or pick another name with --name.`,
    { name },
  );
}

function customEntry(parsed: ReturnType<typeof DraftAddCustomInput.parse>): ServerEntry {
  if (parsed.url !== undefined && parsed.command !== undefined) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      'Give either a command (stdio server) or a url (remote server), not both.',
    );
  }
  if (parsed.url !== undefined) {
    return {
      type: parsed.transport,
      url: parsed.url,
      ...(Object.keys(parsed.headers).length ? { headers: parsed.headers } : {}),
    };
  }
  if (parsed.command === undefined || parsed.command.trim() === '') {
    throw new OrchestrationError(
      'MISSING_COMMAND',
      'A custom server needs --command (stdio) or --url (remote).',
    );
  }
  return {
    command: parsed.command,
    ...(parsed.args.length ? { args: parsed.args } : {}),
    ...(Object.keys(parsed.env).length ? { env: parsed.env } : {}),
    ...(parsed.cwd === undefined ? {} : { cwd: parsed.cwd }),
  };
}
