/**
 * @module clients/formats
 * Reading and writing the servers of a client's config file, whatever its format. Pure text in,
 * text out: the deploy workflow does the disk I/O, backups and atomic writes.
 * @example
 * const servers = readClientServers(text, getAdapter('codex'));
 * const next = writeClientServers(text, getAdapter('codex'), translateForClient(adapter, payload, opts).servers);
 */
import type { ClientAdapter } from '../adapter.js';
import { readJsonServers, writeJsonServers } from './jsonc.js';
import type { ClientServers } from './source-text.js';
import { readTomlServers, writeTomlServers } from './toml.js';
import { readYamlServers, writeYamlServers } from './yaml.js';

export type { ClientServers } from './source-text.js';

/** The client entries in a config file's text, by server name (built-in/foreign entries left out). */
export function readClientServers(text: string, adapter: ClientAdapter): ClientServers {
  switch (adapter.format) {
    case 'json':
    case 'jsonc':
      return readJsonServers(text, adapter);
    case 'yaml':
      return readYamlServers(text, adapter);
    case 'toml':
      return readTomlServers(text, adapter);
  }
}

/**
 * The config file's text with its servers replaced by `servers` (client-shaped entries, e.g. from
 * `translateForClient`); everything else is kept byte for byte, and equal servers are not touched.
 * CLIENT_CONFIG_INVALID (with line and column) when the text does not parse.
 */
export function writeClientServers(text: string, adapter: ClientAdapter, servers: ClientServers): string {
  switch (adapter.format) {
    case 'json':
    case 'jsonc':
      return writeJsonServers(text, adapter, servers);
    case 'yaml':
      return writeYamlServers(text, adapter, servers);
    case 'toml':
      return writeTomlServers(text, adapter, servers);
  }
}
