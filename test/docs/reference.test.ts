/**
 * The reference pages in user-docs/reference/ are generated from the code; this fails when the
 * committed pages are stale.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { generateDocs } from '../../scripts/gen-docs.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

it('committed reference docs match the code (run `npm run docs` if this fails)', async () => {
  const pages = (await generateDocs(process.env.MO_DOCS_BUILD ?? REPO)) as Record<string, string>;
  expect(Object.keys(pages).length).toBeGreaterThanOrEqual(5);
  const stale: string[] = [];
  for (const [path, content] of Object.entries(pages)) {
    let committed = '';
    try {
      committed = readFileSync(`${REPO}${path}`, 'utf8');
    } catch {
      committed = '(missing)';
    }
    if (committed !== content) stale.push(path);
  }
  expect(
    stale,
    `Stale reference docs: ${stale.join(', ')}. Run \`npm run docs\` and commit the result.`,
  ).toEqual([]);
}, 60_000);
