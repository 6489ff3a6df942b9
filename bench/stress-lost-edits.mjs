#!/usr/bin/env node
/**
 * @module bench/stress-lost-edits
 * `npm run stress [-- --trials N]`: the lost-edit stress run of issue #13, as a benchmark-style
 * script (not a timed unit test). A user's editor, in a child process, writes the client file at a
 * random moment while a deploy edits it (the real `editClientFile` from `dist/`). Each trial checks
 * that the user's edit is in the file afterwards. Four series: small and 5 MB files, in-place and
 * atomic-rename editors; the small-file series get N trials, the 5 MB ones N/3.
 *
 * Prints the write protocol in use (the exchange protocol where the native addon is built; the
 * portable one elsewhere or with MCP_ORCHESTRATION_NO_NATIVE=1), then one line a series (trials,
 * lost, trials in which the deploy redid its edit on newer bytes) and exits 1 when an edit was lost. Every loop is bounded in count; the editor processes end by
 * themselves. Build first (`npm run build`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupTemp, dist, ROOT, tempDir } from './support.mjs';

const EDITOR = join(ROOT, 'test', 'helpers', 'racing-editor.mjs');

function startEditor(file, delayUs, mode, marker) {
  const child = spawn(process.execPath, [EDITOR, file, String(delayUs), mode, marker], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = new Promise((resolve) => {
    child.stdout.on('data', (c) => {
      out += c.toString();
      if (out.includes('ready')) resolve();
    });
  });
  const done = new Promise((resolve) => child.on('close', resolve));
  return { ready, done };
}

async function series({ editClientFile, HomeLayout }, home, label, padding, mode, trials) {
  const file = join(home, `client-${mode}-${padding.length}.json`);
  // Spread the editor's moment over the whole deploy (a 5 MB write takes milliseconds).
  const spanUs = padding.length > 1000 ? 40_000 : 4_000;
  let lost = 0;
  let redone = 0;
  let unparsable = 0;
  for (let i = 0; i < trials; i++) {
    writeFileSync(file, JSON.stringify({ padding, mcpServers: {} }, null, 2));
    const marker = `edit-${i}`;
    const editor = startEditor(file, Math.floor(Math.random() * spanUs), mode, marker);
    await editor.ready;
    try {
      const outcome = await editClientFile(
        new HomeLayout(home),
        file,
        (before) => {
          const doc = JSON.parse(before?.toString('utf8') ?? '{}');
          doc.mcpServers = { memory: { command: 'npx', args: [String(i)] } };
          return Buffer.from(JSON.stringify(doc, null, 2));
        },
        () => {},
      );
      if (outcome.attempts > 1) redone++;
    } catch (err) {
      // Read mid-write by an in-place editor the bytes do not parse: a real deploy fails with
      // CLIENT_CONFIG_INVALID and writes nothing, which loses nothing.
      if (!(err instanceof SyntaxError)) throw err;
      unparsable++;
    }
    await editor.done;
    if (JSON.parse(readFileSync(file, 'utf8')).user !== marker) lost++;
  }
  console.log(
    `${label.padEnd(12)} ${mode.padEnd(9)} ${String(trials).padStart(6)} trials  ${String(lost).padStart(4)} lost  ${String(redone).padStart(4)} redone  ${String(unparsable).padStart(4)} refused mid-write`,
  );
  return lost;
}

async function main() {
  const { values } = parseArgs({ options: { trials: { type: 'string', default: '300' } } });
  const trials = Number(values.trials);
  if (!Number.isInteger(trials) || trials < 1) {
    console.error('--trials takes a whole number of at least 1');
    process.exitCode = 2;
    return;
  }
  if (!existsSync(join(ROOT, 'dist', 'store', 'client-file.js'))) {
    console.error('dist/ is missing: run "npm run build" first.');
    process.exitCode = 2;
    return;
  }
  const [{ editClientFile }, { HomeLayout }, { fsExchange }] = await Promise.all([
    import(dist('store/client-file.js')),
    import(dist('store/home.js')),
    import(dist('store/fs-exchange.js')),
  ]);
  console.log(
    fsExchange()
      ? 'protocol: exchange (renameat2 RENAME_EXCHANGE + lease check, native addon)'
      : 'protocol: portable (pin, check, rename)',
  );
  const home = tempDir('stress-');
  mkdirSync(join(home, 'locks'), { recursive: true });
  const big = 'x'.repeat(5 * 1024 * 1024);
  let lost = 0;
  try {
    for (const [label, padding, n] of [
      ['small file', '', trials],
      ['5 MB file', big, Math.max(1, Math.ceil(trials / 3))],
    ]) {
      for (const mode of ['in-place', 'rename']) {
        lost += await series({ editClientFile, HomeLayout }, home, label, padding, mode, n);
      }
    }
  } finally {
    cleanupTemp();
  }
  console.log(lost === 0 ? 'no edit was lost' : `${lost} edit(s) lost`);
  if (lost > 0) process.exitCode = 1;
}

await main();
