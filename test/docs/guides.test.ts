/**
 * Docs are tests: every guide in user-docs/ and the README's five-minute walkthrough runs here, block
 * by block, in its own sandbox (see guide-runner.ts for the rules and placeholders).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sharedServerUrl } from '../helpers/postgres.js';
import { guideNeeds, guideSteps, runGuide } from './guide-runner.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Where the built CLI is: this repo, or MO_GUIDES_BUILD (a folder holding dist/ and package.json). */
const BUILD = process.env.MO_GUIDES_BUILD ?? REPO;
const BINS: Record<string, string> = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).bin;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
    })
    .sort();
}

/** A README section that is a walkthrough: from its heading to the next `## ` heading. */
function readmeWalkthrough(readme: string, heading = '## Five-minute walkthrough'): string {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const next = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, next < 0 ? undefined : next);
}

const guides: Array<{ name: string; markdown: string }> = [
  ...markdownFiles(join(REPO, 'user-docs')).map((path) => ({
    name: relative(REPO, path),
    markdown: readFileSync(path, 'utf8'),
  })),
  {
    name: 'README.md (One-minute quick start)',
    markdown: readmeWalkthrough(readFileSync(join(REPO, 'README.md'), 'utf8'), '## One-minute quick start'),
  },
  {
    name: 'README.md (Five-minute walkthrough)',
    markdown: readmeWalkthrough(readFileSync(join(REPO, 'README.md'), 'utf8')),
  },
];

describe('guides run as written', () => {
  it('has the guides the docs promise', () => {
    const names = guides.map((g) => g.name);
    for (const guide of [
      'user-docs/tutorials/get-started.md',
      'user-docs/how-to/add-server.md',
      'user-docs/how-to/publish-config.md',
      'user-docs/how-to/verify-signatures.md',
      'user-docs/how-to/check-for-updates.md',
      'user-docs/how-to/share-with-your-team.md',
      'user-docs/how-to/govern-mcp-servers.md',
    ]) {
      expect(names).toContain(guide);
    }
  });

  for (const guide of guides) {
    const steps = guideSteps(guide.markdown);
    if (steps.length === 0) continue;
    const needs = guideNeeds(guide.markdown);
    it(
      `${guide.name} (${steps.length} blocks)`,
      async () => {
        // A guide that runs a hub gets a fresh database of the suite's PostgreSQL as $DATABASE_URL.
        const db = needs.includes('postgresql')
          ? await createTestDatabase(sharedServerUrl(inject('postgres')))
          : undefined;
        try {
          const env = db ? { DATABASE_URL: db.url } : {};
          const failure = runGuide(guide.name, guide.markdown, BUILD, BINS, steps, { env });
          if (failure) expect.fail(failure.message);
        } finally {
          await db?.drop();
        }
      },
      60_000 + steps.length * 30_000,
    );
  }
});
