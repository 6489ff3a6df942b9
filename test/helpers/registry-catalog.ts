/**
 * A catalog for the registry API tests: the built-in servers, the `server.json` fixtures imported as
 * user servers, a user server with no registry name, and a server in two versions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ServerDefinition, ServerDefinitionSchema } from '../../src/core/schemas/registry.js';
import { serverJsonToDefinition } from '../../src/registry/import-server-json.js';
import { builtinCatalog } from '../../src/registry/registry.js';

const FIXTURES = ['npm-weather', 'oci-github', 'pypi-sql-explorer', 'remote-analytics'];

export function fixtureServerJson(name: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(`../fixtures/registry/${name}.server.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function testCatalog(): ServerDefinition[] {
  const imported = FIXTURES.map((f) => serverJsonToDefinition(fixtureServerJson(f)));
  const own = ServerDefinitionSchema.parse({
    id: 'acme-tools',
    name: 'Acme internal tools',
    description: 'Internal tools of Acme, run from the company npm registry.',
    transport: 'stdio',
    package: { registry: 'npm', name: '@acme/tools' },
    command: 'npx',
    args: ['-y', '@acme/tools@2.0.0', '--root', '{root}'],
    params: [{ name: 'root', description: 'Folder to work in', required: true }],
    env: [{ name: 'ACME_TOKEN', description: 'Acme API token', required: true, secret: true }],
    source: 'user',
  });
  const older = { ...imported[0], id: 'weather-old', version: '1.3.0' } as ServerDefinition;
  return [...builtinCatalog(), ...imported, own, older];
}
