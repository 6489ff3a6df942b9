import { describe, expect, it } from 'vitest';
import { fixtureServerJson, testCatalog } from '../../../test/helpers/registry-catalog.js';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { serverJsonToDefinition } from '../import-server-json.js';
import { builtinCatalog } from '../registry.js';
import { definitionToServerJson } from './server-json.js';

const runnable = (d: ServerDefinition) => ({
  command: d.command,
  // The registry rejects the version "latest"; leaving it out runs the latest version just the same.
  args: d.args?.map((a) => a.replace(/@latest$/, '')),
  url: d.url,
  headers: d.headers,
  params: d.params,
  env: d.env,
});

describe('definitionToServerJson', () => {
  it('imports back to the same command, args, url, headers, params and env, for every installable server', () => {
    let checked = 0;
    for (const def of testCatalog()) {
      const { document, installable } = definitionToServerJson(def, {
        name: `com.acme/${def.id}`,
        version: '1.0.0',
      });
      if (!installable) continue;
      const back = serverJsonToDefinition(document, { id: def.id });
      expect(runnable(back), def.id).toEqual(runnable(def));
      expect(back.transport).toBe(def.transport);
      checked++;
    }
    expect(checked).toBe(testCatalog().length - 1); // all but docker-gateway
  });

  it('turns ${env:NAME} in headers into secret variables, so import makes them env references again', () => {
    const github = builtinCatalog().find((d) => d.id === 'github');
    const { document } = definitionToServerJson(github as never, { name: 'x.y/github', version: '1' });
    expect(document.remotes?.[0]?.headers?.[0]).toMatchObject({
      name: 'Authorization',
      value: 'Bearer {GITHUB_PERSONAL_ACCESS_TOKEN}',
      variables: { GITHUB_PERSONAL_ACCESS_TOKEN: { isSecret: true } },
    });
  });

  it('keeps a pinned package version and an OCI tag', () => {
    const weather = serverJsonToDefinition(fixtureServerJson('npm-weather'));
    const pkg = definitionToServerJson(weather, { name: 'a.b/w', version: '1' }).document.packages?.[0];
    expect(pkg).toMatchObject({ identifier: '@acme/weather-mcp', version: '1.4.2', runtimeHint: 'npx' });
    const oci = serverJsonToDefinition(fixtureServerJson('oci-github'));
    const image = definitionToServerJson(oci, { name: 'a.b/o', version: '1' }).document.packages?.[0];
    expect(image?.registryType).toBe('oci');
    expect(image?.runtimeArguments ?? []).not.toContainEqual(expect.objectContaining({ value: '-e' }));
  });

  it('clips long descriptions to the registry limit of 100 characters', () => {
    const long = builtinCatalog().find((d) => d.description.length > 100);
    const { document } = definitionToServerJson(long as never, { name: 'a.b/c', version: '1' });
    expect(document.description.length).toBeLessThanOrEqual(100);
    expect(document.description.endsWith('…')).toBe(true);
  });
});
