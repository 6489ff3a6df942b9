/**
 * Every relative link in project-docs/, user-docs/ and README.md points at a file that exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

/** Relative link targets of a markdown text, outside code blocks and code spans. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const targets = [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

it('finds links to check', () => {
  expect(relativeLinks('[a](b.md) [c](https://x) [d](#e) `[f](g.md)`')).toEqual(['b.md']);
});

it('has no broken relative links in project-docs/, user-docs/ and README.md', () => {
  const files = [
    ...markdownFiles(join(REPO, 'project-docs')),
    ...markdownFiles(join(REPO, 'user-docs')),
    join(REPO, 'README.md'),
  ];
  const broken: string[] = [];
  for (const file of files) {
    for (const link of relativeLinks(readFileSync(file, 'utf8'))) {
      const target = decodeURIComponent(link.split('#')[0] as string);
      if (target && !existsSync(join(dirname(file), target))) {
        broken.push(`${relative(REPO, file)} -> ${link}`);
      }
    }
  }
  expect(broken, `Broken links:\n${broken.join('\n')}`).toEqual([]);
});
