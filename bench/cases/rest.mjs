/**
 * @module bench/cases/rest
 * 5. REST API: `GET /v1/config/{client}/{profile}` with a bearer token, 50 connections, with
 * autocannon against `mcp-orchestration serve` on 127.0.0.1 (port 0) in its own process. The same
 * load against a bare `node:http` server sending the same bytes is the baseline.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { CLI, figure, isolatedEnv, ratio, run, skipped, tempDir } from '../support.mjs';
import { payloadOf } from './publish.mjs';

const ROUTE = '/v1/config/claude-desktop/default';
const BARE_SERVER = `
const body = process.argv[1];
require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}).listen(0, '127.0.0.1', function () { process.stderr.write('listening on http://127.0.0.1:' + this.address().port + '\\n'); });
`;

/** Spawns a server and resolves with its base URL once it prints its "listening on" line. */
export async function startServer(args, env) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 15_000);
    // The server logs one line per request on stderr: keep draining it, stop keeping it.
    const listen = (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        child.stderr.off('data', listen);
        child.stderr.resume();
        resolve(match[1]);
      }
    };
    child.stderr.on('data', listen);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function load(autocannon, url, token, seconds) {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return result;
}

function row(id, name, result, check) {
  return figure({
    id,
    name,
    unit: 'req/s',
    stats: {
      n: result.requests.sent,
      min: result.requests.min,
      median: result.requests.average,
      max: result.requests.max,
      p99: result.latency.p99,
    },
    check,
    notes: `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${result.non2xx} non-2xx, ${result.errors} errors`,
  });
}

export async function rest({ quick }) {
  const help = run(process.execPath, [CLI, '--help'], process.env);
  if (!/\bserve\b/.test(help) || !/\btoken\b/.test(help)) {
    return [
      skipped('5.0', 'REST GET config', 'the CLI has no serve/token command yet', {
        what: 'x bare node:http',
        op: '>=',
        target: 0.5,
      }),
    ];
  }
  const { default: autocannon } = await import('autocannon');
  const root = tempDir('rest');
  const env = isolatedEnv(root);
  run(process.execPath, [CLI, 'init'], env);
  const payloadFile = join(root, 'payload.json');
  (await import('node:fs')).writeFileSync(payloadFile, JSON.stringify(payloadOf(10)));
  run(process.execPath, [CLI, 'publish', '--file', payloadFile, '--changelog', 'bench'], env);
  const { token } = JSON.parse(
    run(process.execPath, [CLI, 'token', 'create', '--name', 'bench', '--json'], env),
  );
  const seconds = quick ? 2 : 5;

  const ours = await startServer([CLI, 'serve', '--host', '127.0.0.1', '--port', '0'], env);
  let mine;
  let body;
  try {
    const res = await fetch(ours.url + ROUTE, { headers: { authorization: `Bearer ${token}` } });
    body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${ROUTE} answered ${res.status}: ${body.slice(0, 200)}`);
    await load(autocannon, ours.url + ROUTE, token, 1); // warm-up: JIT, file cache
    mine = await load(autocannon, ours.url + ROUTE, token, seconds);
  } finally {
    await ours.stop();
  }
  const bare = await startServer(['-e', BARE_SERVER, body], env);
  let floor;
  try {
    await load(autocannon, bare.url, null, 1);
    floor = await load(autocannon, bare.url, null, seconds);
  } finally {
    await bare.stop();
  }
  const share = ratio(mine.requests.average, floor.requests.average);
  return [
    {
      ...row('5.0', `REST GET ${ROUTE} (auth, 50 conns, ${seconds} s)`, mine, {
        what: 'x bare node:http',
        value: share,
        op: '>=',
        target: 0.5,
      }),
      notes: `${Math.round(mine.requests.average)} vs ${Math.round(floor.requests.average)} req/s; ${row('', '', mine, null).notes}`,
    },
    row('5.1', '  bare node:http, same body (baseline)', floor, null),
  ];
}
