/**
 * Crash-consistent deploys with a real kill (issue #13, finding 4): a `deploy` process is killed
 * with SIGKILL at a random moment, many times over, alternating between two artifacts. After every
 * kill the client file holds one of the two configs whole (never a mix, never a partial file), and
 * the next command's `status` names exactly the artifact the file holds, as in sync: an intent left
 * between the rename and the record is settled, one whose rename never happened is dropped. The
 * next deploy leaves no temp file of ours beside the client's file.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const KILLS = Number(process.env.MO_KILL_RUNS ?? 16);

let temp: TempHome;
beforeAll(() => {
  temp = makeTempHome();
});
afterAll(() => temp.cleanup());

/** 300 servers whose args name the variant, so a file shows which artifact it holds. */
function payload(variant: string) {
  const mcpServers: Record<string, unknown> = {};
  for (let i = 0; i < 300; i++) {
    mcpServers[`server-${i}`] = { command: 'npx', args: ['-y', `@example/server-${i}`, `--v=${variant}`] };
  }
  return { mcpServers };
}

/** Runs `deploy --artifact ID` and kills it with SIGKILL after `delayMs` (or lets it finish). */
function deployKilledAfter(artifact: string, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'deploy', '--artifact', artifact], {
      env: temp.env,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('a deploy killed with SIGKILL at a random moment', () => {
  it('leaves the file whole and the next status naming what the file holds', async () => {
    const cli = (...args: string[]) => runCli(args, temp.env);
    const file = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{\n  "globalShortcut": "Ctrl+Space",\n  "mcpServers": {}\n}\n');
    const ids: Record<string, string> = {};
    for (const variant of ['a', 'b']) {
      const input = join(temp.root, `${variant}.json`);
      writeFileSync(input, JSON.stringify(payload(variant)));
      const published = cli('publish', '--file', input, '--changelog', variant, '--json');
      expect(published.status, published.stderr).toBe(0);
      ids[variant] = published.json().artifact_id;
    }
    const byArtifact = Object.fromEntries(Object.entries(ids).map(([v, id]) => [id, v]));
    // How long a whole deploy takes here: the kills land anywhere within it.
    const started = performance.now();
    expect(cli('deploy', '--artifact', ids.a as string).status).toBe(0);
    const span = performance.now() - started;

    const held: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const target = (i % 2 === 0 ? ids.b : ids.a) as string;
      await deployKilledAfter(target, Math.random() * span * 1.2);
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      expect(doc.globalShortcut).toBe('Ctrl+Space');
      const variants = new Set(
        Object.values(doc.mcpServers as Record<string, { args: string[] }>).map((s) => s.args[2]),
      );
      expect(Object.keys(doc.mcpServers)).toHaveLength(300);
      expect(variants.size, `a mix of configs after kill ${i}`).toBe(1);
      const inFile = [...variants][0]?.slice('--v='.length) as string;
      held.push(inFile);
      const status = cli('status', '--json');
      expect(status.status, status.stderr).toBe(0);
      const entry = status
        .json()
        .entries.find((e: { client_id: string }) => e.client_id === 'claude-desktop');
      expect(entry.state, `after kill ${i}`).toBe('in-sync');
      expect(byArtifact[entry.artifact_id], `after kill ${i}`).toBe(inFile);
    }
    // One more deploy finishes, and sweeps whatever temp files the kills left.
    expect(cli('deploy', '--artifact', ids.b as string).status).toBe(0);
    expect(readdirSync(dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(cli('status', '--json').json().entries[0]).toMatchObject({ state: 'in-sync', artifact_id: ids.b });
    // The kills are spread: on this machine some landed before the rename and some after.
    expect(held.length).toBe(KILLS);
  }, 240_000);
});
