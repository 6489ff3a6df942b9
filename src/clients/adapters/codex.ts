/**
 * @module clients/adapters/codex
 * OpenAI Codex (CLI, IDE extension, app): `[mcp_servers.<name>]` tables in `config.toml`
 * (`$CODEX_HOME`, default `~/.codex`), project `.codex/config.toml`. Remote servers are streamable
 * HTTP only, `url` + `http_headers`, with no type field; `env` is a table; `cwd` is supported.
 * Codex does not expand variables inside values, but reads a bearer token (`bearer_token_env_var`)
 * and headers (`env_http_headers`) from the environment: `${env:NAME}` headers are written there.
 * Docs: https://developers.openai.com/codex/mcp, https://github.com/openai/codex/blob/main/docs/config.md
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import { defineAdapter, ENV_SYNTAX, readEnvHeaders } from '../adapter.js';
import {
  entryObject,
  optionalStringRecord,
  readSharedFields,
  readStdioEntry,
  remoteEntry,
  requiredString,
  type SharedFieldKeys,
  sharedFieldSupport,
  writeSharedFields,
} from '../entry-shapes.js';
import { envDir, inHome, inProject, pathApi } from '../paths.js';

/** `enabled = false`, `enabled_tools`, `disabled_tools`. */
const CODEX_SHARED: SharedFieldKeys = {
  enabledKey: 'enabled',
  includeToolsKey: 'enabled_tools',
  excludeToolsKey: 'disabled_tools',
};

/** Codex reads these headers from the environment itself, so their secrets never enter the file. */
const CODEX_ENV_HEADERS = { bearerKey: 'bearer_token_env_var', headersKey: 'env_http_headers' };

export const codex = defineAdapter({
  id: 'codex',
  name: 'OpenAI Codex',
  docs: [
    'https://developers.openai.com/codex/mcp',
    'https://github.com/openai/codex/blob/main/docs/config.md',
  ],
  format: 'toml',
  transports: ['stdio', 'http'],
  serversKey: ['mcp_servers'],
  supportsCwd: true,
  paths: {
    user: (ctx) => {
      const dir = envDir(ctx, 'CODEX_HOME');
      return dir ? pathApi(ctx).join(dir, 'config.toml') : inHome(ctx, '.codex', 'config.toml');
    },
    project: (ctx) => inProject(ctx, '.codex', 'config.toml'),
  },
  envReference: ENV_SYNTAX.none,
  envHeaders: CODEX_ENV_HEADERS,
  replacedKeys: ['bearer_token_env_var', 'env_http_headers'],
  unsupportedOnImport: (raw) => ['env_vars'].filter((field) => raw[field] !== undefined),
  ...sharedFieldSupport(CODEX_SHARED),
  toClient(_name: string, entry: ServerEntry): unknown {
    if (isRemote(entry)) {
      return {
        url: entry.url,
        ...(entry.headers ? { http_headers: entry.headers } : {}),
        ...writeSharedFields(CODEX_SHARED, entry),
      };
    }
    return {
      command: entry.command,
      ...(entry.args ? { args: entry.args } : {}),
      ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
      ...(entry.env ? { env: entry.env } : {}),
      ...writeSharedFields(CODEX_SHARED, entry),
    };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    const shared = readSharedFields(CODEX_SHARED, name, obj);
    if (obj.command !== undefined) {
      return { ...readStdioEntry(name, obj, { cwd: 'cwd' }), ...shared };
    }
    const headers = {
      ...optionalStringRecord(name, obj, 'http_headers'),
      ...readEnvHeaders(CODEX_ENV_HEADERS, name, obj),
    };
    return {
      ...remoteEntry(
        'http',
        requiredString(name, obj, 'url'),
        Object.keys(headers).length ? headers : undefined,
      ),
      ...shared,
    };
  },
});
