/**
 * No lost edits (issue #13, finding 1): a user's editor writes the client file while a deploy
 * edits it. At each of the deploy's own moments (found by hooks, not by chance), the user's edit
 * is in the file afterwards and the deploy was redone on top of it: a rename before the pin, a
 * rename after the pin, an edit in place after the check. The deploy code before this change lost
 * 37 and 43 of 60 edits at random moments.
 *
 * Random moments run in `npm run stress` (bench/stress-lost-edits.mjs, hundreds of trials), not
 * here: what is left there cannot be closed from Node (project-docs/DECISIONS.md, "The lost-edit
 * window that Node cannot close"), and a unit test that fails by chance says nothing about the code.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { editClientFile } from './client-file.js';
import { HomeLayout } from './home.js';

let temp: TempHome;
beforeAll(() => {
  temp = makeTempHome();
});
afterAll(() => temp.cleanup());

/** The deploy's edit in trial `i`: its own server, on whatever the file holds. */
function deployMemory(i: number) {
  return (before: Buffer | null) => {
    const doc = JSON.parse(before?.toString('utf8') ?? '{}');
    doc.mcpServers = { memory: { command: 'npx', args: [String(i)] } };
    return Buffer.from(JSON.stringify(doc, null, 2));
  };
}

/** The user's editor adds `user: marker` to the file: by writing a temp file and renaming it over, or in place. */
function userEdit(file: string, marker: string, how: 'rename' | 'in place'): void {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.user = marker;
  const text = JSON.stringify(doc, null, 2);
  if (how === 'in place') {
    writeFileSync(file, text);
    return;
  }
  writeFileSync(`${file}.editor-tmp`, text);
  renameSync(`${file}.editor-tmp`, file);
}

describe.each([
  // Our new bytes wait in their temp file; the path is not pinned yet: found by the bytes check.
  ['a rename before the pin', 'beforeRename', 'rename'],
  // The old bytes were pinned and read; the path now names the editor's file: the identity check.
  ['a rename after the pin', 'afterPin', 'rename'],
  // Same file, new bytes after they were read: read back from the displaced file after the rename.
  ['an edit in place after the check', 'afterPin', 'in place'],
] as const)('%s', (_label, hook, how) => {
  it('is kept, and the deploy redone on top of it', async () => {
    const file = join(temp.root, `client-${hook}-${how.replace(' ', '-')}.json`);
    for (let i = 0; i < 20; i++) {
      writeFileSync(file, JSON.stringify({ mcpServers: {} }, null, 2));
      let edited = false;
      const edit = () => {
        if (edited) return;
        edited = true;
        userEdit(file, `edit-${i}`, how);
      };
      const outcome = await editClientFile(new HomeLayout(temp.home), file, deployMemory(i), () => {}, {
        [hook]: edit,
      });
      const final = JSON.parse(readFileSync(file, 'utf8'));
      expect(final.user).toBe(`edit-${i}`);
      expect(final.mcpServers.memory.args).toEqual([String(i)]);
      expect(outcome.attempts).toBe(2);
    }
  });
});
