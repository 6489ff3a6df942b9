/**
 * @module test/clients/run
 * The client conformance suite (`npm run test:clients`, issue #12): for every client program the
 * npm registry offers, installed at its pinned version (install.mjs), deploy with our built CLI
 * and ask the client itself what it sees; then let the client add servers with its own commands,
 * import, publish and deploy them back, and check that the file is byte-identical and in sync.
 * Prints one line per client and writes the table into user-docs/reference/clients.md.
 *
 *   node test/clients/run.mjs [--only a,b] [--no-docs] [--verbose]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES } from './cases.mjs';
import { conformancePayload, createSandbox, OUR_CLI, REPO, SECRET, TEST_SERVER } from './harness.mjs';
import { cacheRoot, installClient, readManifest } from './install.mjs';
import { startRemoteServer } from './test-server.mjs';

const DOC = join(REPO, 'user-docs', 'reference', 'clients.md');
export const DOC_START = '<!-- conformance:start -->';
export const DOC_END = '<!-- conformance:end -->';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const only = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1].split(',')) : null;
const verbose = flag('--verbose');

if (!existsSync(OUR_CLI)) {
  process.stderr.write('dist/cli/main.js is missing: run `npm run build` first.\n');
  process.exit(2);
}
const { getAdapter } = await import(join(REPO, 'dist', 'clients', 'index.js'));

/** Splits client output into one block of lines per server name it starts a line with. */
function blocksByServer(text, names) {
  const blocks = {};
  let current = null;
  for (const line of text.split('\n')) {
    const m = /^[^A-Za-z0-9]*([A-Za-z0-9][\w.-]*)(?=[:\s]|$)/.exec(line);
    if (m && names.includes(m[1])) current = m[1];
    if (current) blocks[current] = `${blocks[current] ?? ''}${line}\n`;
  }
  return blocks;
}

function pathContext(sb) {
  return { platform: 'linux', env: sb.env, homedir: sb.home, cwd: sb.project };
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Collects named checks; a failed one keeps a short reason. */
class Checks {
  passed = [];
  failed = [];
  check(name, ok, detail = '') {
    if (ok) this.passed.push(name);
    else this.failed.push(detail ? `${name} (${detail})` : name);
    if (verbose)
      process.stdout.write(`    ${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `: ${detail}` : ''}\n`);
    return ok;
  }
}

function snippet(text, max = 300) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

async function deployed(sb, id, scope, payload, checks, label) {
  await sb.ours(['init']);
  const file = join(sb.root, 'payload.json');
  writeFileSync(file, JSON.stringify(payload));
  const pub = await sb.ours(['publish', '--client', id, '--file', file, '--changelog', 'conformance']);
  if (!checks.check(`${label}: publish`, pub.code === 0, snippet(pub.out))) return false;
  const dep = await sb.ours(['deploy', '--client', id, '--scope', scope]);
  return checks.check(`${label}: deploy`, dep.code === 0, snippet(dep.out));
}

/** Deploys the conformance servers, then asks the client what it sees. */
async function deployAndView(client, kase, bin, scope, remote, checks) {
  const label = `${scope}`;
  const sb = createSandbox(client.id);
  try {
    sb.env.npm_config_cache = join(cacheRoot(), 'npm');
    kase.setup?.(sb);
    const adapter = getAdapter(client.id);
    const payload = conformancePayload(sb, remote);
    if (!(await deployed(sb, client.id, scope, payload, checks, label))) return;
    const path = adapter.configPath(pathContext(sb), scope);
    const text = readText(path) ?? '';
    if (adapter.envReference('CONF_SECRET') !== null) {
      checks.check(
        `${label}: reference kept as the client's own syntax, no secret in the file`,
        !text.includes(SECRET),
      );
    }
    const firstRequest = remote.requests.length;
    let output = '';
    for (const args of kase.view(scope)) {
      const r = await sb.client(bin, args, { timeoutMs: 90_000 });
      output += `${r.out}\n`;
      if (verbose)
        process.stdout.write(
          `  $ ${client.bin} ${args.join(' ')} -> ${r.code}\n${r.out.replace(/^/gm, '  | ')}\n`,
        );
    }
    if (kase.view(scope).length === 0) return;
    const names = Object.keys(payload.mcpServers);
    const blocks = blocksByServer(output, names);
    const shows = kase.shows;
    const connects =
      (kase.connected || kase.connectedAll) && (kase.connectsIn ?? kase.scopes).includes(scope);
    for (const name of names) {
      const entry = payload.mcpServers[name];
      const block = blocks[name];
      if (!checks.check(`${label}: sees ${name}`, block !== undefined, snippet(output))) continue;
      const bridged = entry.url && !adapter.transports.includes(entry.type);
      if (entry.command) {
        if (shows.command)
          checks.check(`${label}: ${name} command`, block.includes(entry.command), snippet(block));
        if (shows.args) {
          checks.check(
            `${label}: ${name} args`,
            block.includes(TEST_SERVER) && block.includes('--flag'),
            snippet(block),
          );
        }
        if (shows.env) {
          const key = Object.keys(entry.env)[0];
          checks.check(`${label}: ${name} env`, block.includes(key), snippet(block));
        }
      } else if (bridged) {
        if (shows.command) {
          checks.check(
            `${label}: ${name} bridged through mcp-remote`,
            block.includes('mcp-remote') && block.includes(entry.url),
            snippet(block),
          );
        }
      } else {
        if (shows.command) checks.check(`${label}: ${name} url`, block.includes(entry.url), snippet(block));
        if (shows.headers && entry.headers)
          checks.check(`${label}: ${name} headers`, block.includes('X-Conf-Header'), snippet(block));
        const type = shows.type?.[entry.type];
        if (type) checks.check(`${label}: ${name} type ${entry.type}`, type.test(block), snippet(block));
      }
      if (connects && kase.connected)
        checks.check(`${label}: ${name} connected`, kase.connected.test(block), snippet(block));
    }
    if (connects && kase.connectedAll)
      checks.check(`${label}: all servers connected`, kase.connectedAll.test(output), snippet(output));
    if (connects) {
      checks.check(
        `${label}: stdio server got its args and env`,
        sb.record('conf-stdio')?.env?.CONF_PLAIN === 'plain-value',
      );
      checks.check(
        `${label}: \${env:CONF_SECRET} reached the server as its value`,
        sb.record('conf-ref')?.env?.CONF_TOKEN === SECRET,
      );
      const sent = remote.requests
        .slice(firstRequest)
        .some((q) => q.path === '/mcp' && q.headers['x-conf-header'] === 'header-value');
      checks.check(`${label}: http server got the header`, sent);
    }
  } finally {
    sb.dispose();
  }
}

/** The client adds servers itself; import, publish and deploy them back; nothing may change. */
async function roundTrip(client, kase, bin, scope, remote, checks) {
  const adds = kase.add(scope, { http: remote.httpUrl, sse: remote.sseUrl });
  if (adds.length === 0) return;
  const label = `${scope} round trip`;
  const sb = createSandbox(client.id);
  try {
    kase.setup?.(sb);
    await sb.ours(['init']);
    for (const args of adds) {
      const r = await sb.client(bin, args);
      if (verbose)
        process.stdout.write(
          `  $ ${client.bin} ${args.join(' ')} -> ${r.code}\n${r.out.replace(/^/gm, '  | ')}\n`,
        );
      checks.check(
        `${label}: client adds ${args.find((a) => a.startsWith('rt-'))}`,
        r.code === 0,
        snippet(r.out),
      );
    }
    const path = getAdapter(client.id).configPath(pathContext(sb), scope);
    const before = readText(path);
    if (!checks.check(`${label}: client wrote ${path.replace(sb.root, '<sandbox>')}`, before !== null))
      return;
    const target = ['--client', client.id, '--scope', scope];
    const imp = await sb.ours(['import', ...target]);
    if (!checks.check(`${label}: import`, imp.code === 0, snippet(imp.out))) return;
    const pub = await sb.ours(['publish', '--client', client.id, '--changelog', 'round trip']);
    if (!checks.check(`${label}: publish`, pub.code === 0, snippet(pub.out))) return;
    const dep = await sb.ours(['deploy', ...target, '--adopt']);
    if (!checks.check(`${label}: deploy back`, dep.code === 0, snippet(dep.out))) return;
    const after = readText(path);
    checks.check(
      `${label}: file byte-identical`,
      after === before,
      `before ${snippet(before ?? '', 400)} after ${snippet(after ?? '', 400)}`,
    );
    const status = await sb.ours(['status', '--client', client.id, '--exit-code']);
    checks.check(
      `${label}: status in sync`,
      status.code === 0 && /in-sync/.test(status.out),
      snippet(status.out),
    );
    const diff = await sb.ours(['diff', '--deployed', '--exit-code', '--client', client.id, '--path', path]);
    checks.check(`${label}: diff --deployed up to date`, diff.code === 0, snippet(diff.out));
  } finally {
    sb.dispose();
  }
}

async function conformance(client, remote) {
  const kase = CASES[client.id];
  const result = { client, limitations: kase?.limitations ?? [], passed: [], failed: [] };
  const installed = installClient(client);
  if (!installed.ok) return { ...result, status: 'not installable here', reason: installed.reason };
  if (kase.view('user').length === 0 && kase.add('user', {}).length === 0) {
    return {
      ...result,
      status: 'no client check',
      reason: 'installed; nothing the program can show was checked',
    };
  }
  const checks = new Checks();
  const started = Date.now();
  for (const scope of kase.scopes) {
    await deployAndView(client, kase, installed.bin, scope, remote, checks);
    await roundTrip(client, kase, installed.bin, scope, remote, checks);
  }
  return {
    ...result,
    passed: checks.passed,
    failed: checks.failed,
    seconds: Math.round((Date.now() - started) / 1000),
    status: checks.failed.length > 0 ? 'failed' : checks.passed.length > 0 ? 'passed' : 'nothing checked',
  };
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function summary(r) {
  if (r.reason) return r.reason;
  const groups = new Set(r.passed.map((name) => name.replace(/^(\w+( round trip)?): .*/, '$1')));
  return `${r.passed.length} checks (${[...groups].join('; ')})`;
}

/** The table, between the markers of the clients reference page. */
export function renderTable(results, when) {
  const lines = [
    DOC_START,
    "## Tested with the clients' own programs",
    '',
    `Written by \`npm run test:clients\` (last run ${when}). Each client program is installed from the npm`,
    'registry at the version shown, runs against a fake home, and is asked what it sees after a deploy;',
    'then it adds servers with its own commands, which are imported, published and deployed back.',
    '',
    '| client | program | version | result | checked | documented limitations |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const status =
      r.status === 'failed' ? `failed: ${r.failed.length} of ${r.failed.length + r.passed.length}` : r.status;
    lines.push(
      `| \`${r.client.id}\` | \`${r.client.package}\` | ${r.client.version} | ${cell(status)} | ${cell(summary(r))} | ${cell(r.limitations.join('; '))} |`,
    );
  }
  lines.push(DOC_END);
  return lines.join('\n');
}

function writeDoc(table) {
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < 0) throw new Error(`${DOC} has no ${DOC_START} ... ${DOC_END} section`);
  writeFileSync(DOC, `${doc.slice(0, start)}${table}${doc.slice(end + DOC_END.length)}`);
}

/** The CI budget of the whole run (issue #12: within 15 minutes, installs included). */
const BUDGET_SECONDS = 900;
const runStarted = Date.now();
const remote = await startRemoteServer();
const results = [];
try {
  for (const client of readManifest().clients) {
    if (only && !only.has(client.id)) continue;
    let r = await conformance(client, remote);
    // A client program is an outside process with its own timers; one failure is tried again, and
    // the table says so.
    if (r.status === 'failed') {
      const again = await conformance(client, remote);
      r =
        again.status === 'passed'
          ? { ...again, status: 'passed on a second try', firstFailure: r.failed }
          : again;
    }
    results.push(r);
    const head = `${r.status.startsWith('passed') ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP'} ${client.id}@${client.version}`;
    const tail = r.status === 'failed' ? `${r.failed.length} failed: ${r.failed.join('; ')}` : summary(r);
    process.stdout.write(`${head} (${r.seconds ?? 0}s): ${r.status}; ${tail}\n`);
  }
} finally {
  await remote.close();
}
if (!flag('--no-docs') && !only) writeDoc(renderTable(results, new Date().toISOString().slice(0, 10)));
const passed = results.filter((r) => r.status.startsWith('passed')).length;
const failed = results.filter((r) => r.status === 'failed' || r.status === 'nothing checked').length;
const skipped = results.length - passed - failed;
const total = Math.round((Date.now() - runStarted) / 1000);
process.stdout.write(`clients: ${passed} passed, ${failed} failed, ${skipped} skipped in ${total}s\n`);
if (total > BUDGET_SECONDS) {
  process.stdout.write(
    `warning: the run took ${total}s, over the ${BUDGET_SECONDS}s CI budget; check that the install cache is kept between runs, or find the slow client in the times above.\n`,
  );
}
process.exit(failed > 0 ? 1 : 0);
