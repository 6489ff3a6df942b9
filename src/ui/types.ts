/**
 * @module ui/types
 * The shapes the dashboard reads from `/v1`, as the OpenAPI document at /openapi.json describes them
 * (only the fields the pages use).
 */
export interface ClientInfo {
  client_id: string;
  name: string;
  format: string;
  transports: string[];
  config_path: string;
  exists: boolean;
  profiles: string[];
}

export interface FieldChange {
  field: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  redacted?: boolean;
}

export interface ServerChange {
  server: string;
  change: 'added' | 'removed' | 'modified';
  fields: FieldChange[];
}

export interface DiffResult {
  status: 'up-to-date' | 'outdated' | 'diverged';
  base: string;
  target: string;
  changes: ServerChange[];
  summary: { added: number; removed: number; modified: number; unchanged: number };
  recommendation: string;
}

export interface StatusEntry {
  client_id: string;
  profile_id: string;
  state: 'in-sync' | 'drifted' | 'not-deployed';
  artifact_id: string | null;
  head_artifact_id: string | null;
  head_is_deployed: boolean;
  config_path: string | null;
  deployed_at: string | null;
  missing_file: boolean;
  drift: DiffResult | null;
}

export interface ServerEntry {
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  type?: 'http' | 'sse';
  url?: string;
  headers?: Record<string, string>;
}

export interface Payload {
  mcpServers: Record<string, ServerEntry>;
}

export interface Artifact {
  artifact_id: string;
  client_id: string;
  profile_id: string;
  created_at: string;
  payload: Payload;
  metadata: { changelog: string; server_count: number; parent_artifact_id: string | null };
}

export interface ServerParam {
  name: string;
  description: string;
  required: boolean;
  default?: string;
  example?: string;
}

export interface ServerEnvVar {
  name: string;
  description: string;
  required: boolean;
  secret: boolean;
  default?: string;
}

export interface ServerDefinition {
  id: string;
  name: string;
  description: string;
  tags: string[];
  transport: 'stdio' | 'http' | 'sse';
  package: { registry: string; name: string };
  command?: string;
  args?: string[];
  url?: string;
  params: ServerParam[];
  env: ServerEnvVar[];
  homepage?: string;
  source: 'builtin' | 'user';
}

export interface ValidationIssue {
  code: string;
  message: string;
  path: string;
  server?: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface HistoryEntry {
  seq: number;
  artifact_id: string;
  created_at: string;
  changelog: string;
  server_count: number;
  parent_artifact_id: string | null;
}

export interface ProfileSummary {
  profile_id: string;
  head: string | null;
  count: number;
  updated_at: string | null;
  has_draft: boolean;
}

export interface DraftView {
  client_id: string;
  profile_id: string;
  payload: Payload;
  server_count: number;
  updated_at: string | null;
}

export interface DeployResult {
  status: 'deployed' | 'unchanged' | 'dry-run';
  client_id: string;
  profile_id: string;
  artifact_id: string | null;
  config_path: string;
  backup_id: string | null;
  changes: DiffResult;
  /** Every server of the file and what the deploy does to it (`kept`: not written by this tool). */
  servers: {
    name: string;
    action: 'added' | 'updated' | 'removed' | 'kept' | 'unchanged';
    unreadable?: string;
    adopted?: boolean;
  }[];
  unreadable: { server: string; reason: string }[];
  warnings: { code: string; message: string; server?: string }[];
}

export interface DeployManyResult {
  deployed: DeployResult[];
  failed: { client_id: string; error: { code: string; message: string } }[];
}

export interface FleetMachine {
  machine_id: string;
  hostname: string;
  user: string;
  client_id: string;
  source_client_id: string;
  profile_id: string;
  artifact_id: string | null;
  state: 'in-sync' | 'drifted' | 'failed';
  error: { code: string; message: string } | null;
  reported_at: string;
  current: boolean;
  stale: boolean;
}

export interface FleetView {
  machines: FleetMachine[];
  stale_after_seconds: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actor_name: string;
  action: string;
  target: string;
  artifact_id: string | null;
  details: Record<string, unknown>;
}

export interface TokenInfo {
  id: string;
  name: string;
  role: 'reader' | 'publisher' | 'admin';
  profiles: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface PolicyCheck {
  valid: boolean;
  checked: { client_id: string; profile_id: string; kind: 'draft' | 'head'; errors: ValidationIssue[] }[];
}

export type ServerState = 'managed' | 'drifted' | 'unmanaged' | 'disabled' | 'unreadable';

/** One server of a client file as `GET /v1/clients/servers` lists it. */
export interface ListedServer {
  name: string;
  state: ServerState;
  transport?: 'stdio' | 'http' | 'sse';
  profile_id?: string;
  managed: boolean;
  reason?: string;
}

export interface ListedFile {
  client_id: string;
  name: string;
  path: string;
  scope: 'user' | 'project';
  format: string;
  servers: ListedServer[];
  error?: { code: string; message: string };
}

/** What `POST /v1/oneshot/{add,remove,enable,disable}` did (or, on a dry run, would do). */
export interface OneshotResult {
  action: 'add' | 'remove' | 'enable' | 'disable';
  server: string;
  dry_run: boolean;
  keys_created: string | null;
  clients: {
    client_id: string;
    profile_id: string;
    config_path: string;
    status: 'deployed' | 'unchanged' | 'dry-run';
    artifact_id: string | null;
    published: boolean;
    how: 'added' | 'removed' | 'switched-off' | 'parked' | 'switched-on' | 'restored';
    adopted: string[];
    servers: DeployResult['servers'];
    warnings: { code: string; message: string; server?: string }[];
  }[];
  warnings: { code: string; message: string; server?: string }[];
}
