/**
 * The capability specs and the executable scenarios tell the same story: every behaviour tag a
 * scenario carries is documented in a capability spec.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../project-docs/capabilities/', import.meta.url));
const tags = (text: string) => new Set(text.match(/@behavior:MCP\.[A-Z_]+\.[A-Z_]+/g) ?? []);

it('documents every scenario tag in a capability spec', () => {
  const specs = readdirSync(DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(`${DIR}${f}`, 'utf8'))
    .join('\n');
  const documented = tags(specs);
  const used = readdirSync(`${DIR}behaviors`)
    .filter((f) => f.endsWith('.feature'))
    .flatMap((f) => [...tags(readFileSync(`${DIR}behaviors/${f}`, 'utf8'))]);
  expect(used.length).toBeGreaterThan(20);
  expect(used.filter((t) => !documented.has(t))).toEqual([]);
});
