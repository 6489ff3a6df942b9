/**
 * @module cli/commands/serve
 * `serve`: the REST API, MCP over HTTP, OpenAPI and docs on one port, until SIGTERM or SIGINT.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { OrchestrationError } from '../../core/errors.js';
import { type CommonFlags, orchestrator, withCommon } from '../context.js';
import { lifetime, lifetimeMs, wholeNumber } from '../flag-values.js';
import { collect, colour, printError } from '../output.js';

interface ServeFlags extends CommonFlags {
  host: string;
  port: number;
  insecureNoAuth?: boolean;
  publicRegistry?: boolean;
  corsOrigin?: string[];
  allowedHost?: string[];
  bodyLimit: number;
  mcpIdleTimeout: number;
  projectDir?: string;
}

/** The absolute `--project-dir`, which must be an existing folder. */
function projectFolder(dir: string): string {
  const absolute = resolve(dir);
  if (!statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) {
    throw new OrchestrationError(
      'FILE_NOT_FOUND',
      `--project-dir ${dir} is not a folder; give the folder of the project whose files scope "project" writes.`,
      { path: absolute },
    );
  }
  return absolute;
}

async function serveCommand(flags: ServeFlags): Promise<void> {
  const { port, bodyLimit } = flags;
  // Without --project-dir there is no project folder: scope "project" is refused over HTTP rather
  // than resolved in whatever folder the server happened to be started from.
  const projectDir = flags.projectDir === undefined ? undefined : projectFolder(flags.projectDir);
  const svc = await orchestrator(flags, { cwd: projectDir ?? null });
  const [{ createApp }, { isLoopback, startServer }] = await Promise.all([
    import('../../http/app.js'),
    import('../../http/server.js'),
  ]);
  const insecure = flags.insecureNoAuth === true;
  const haveToken = await svc.hasActiveToken();
  if (!insecure && !haveToken && !isLoopback(flags.host)) {
    throw new OrchestrationError(
      'UNAUTHORIZED',
      `Refusing to listen on ${flags.host} without an API token: create one with "mcp-orchestration token create" first (or, on a trusted network only, pass --insecure-no-auth).`,
    );
  }
  const app = createApp({
    orchestrator: svc,
    auth: insecure ? 'none' : 'tokens',
    registry: { public: flags.publicRegistry === true || insecure },
    corsOrigins: flags.corsOrigin ?? [],
    hosts: { bound: flags.host, allowed: flags.allowedHost ?? [] },
    bodyLimit,
    mcpIdleTimeoutMs: flags.mcpIdleTimeout,
    projectScope: projectDir !== undefined,
  });
  const server = await startServer(app, { host: flags.host, port });
  const say = (line: string) => process.stderr.write(`${line}\n`);
  // One write, so whoever waits for the "listening" line also gets the advice under it.
  say(
    [
      `mcp-orchestration API listening on ${server.url} (docs ${server.url}/docs, MCP ${server.url}/mcp)`,
      ...(insecure
        ? [
            colour.yellow(
              'warning: --insecure-no-auth: anyone who can reach this port can change your configs.',
            ),
          ]
        : []),
      ...(!insecure && !haveToken
        ? ['No API token yet: every request gets 401 until you run "mcp-orchestration token create".']
        : []),
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', shutdown);
      process.off('SIGINT', shutdown);
      say(`${signal}: finishing in-flight requests, then stopping.`);
      server
        .close()
        .then(() => svc.close())
        .then(resolve, resolve);
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  });
  say('Stopped.');
}

export function registerServe(program: Command): void {
  withCommon(program.command('serve'))
    .description('run the REST API (/v1), MCP over HTTP (/mcp), /openapi.json, /docs and /health')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(
      wholeNumber('--port <port>', 'port to listen on (0 picks a free one)', { max: 65_535 }).default(8000),
    )
    .option('--insecure-no-auth', 'accept requests without a token (trusted networks only)')
    .option('--public-registry', 'let anyone read the MCP registry at /v0.1 (IDEs fetch it without a token)')
    .option('--cors-origin <origin>', 'allow browser calls from this origin (repeatable)', collect)
    .option(
      '--allowed-host <name>',
      'answer requests addressed (Host) to this name, besides the loopback names and --host (repeatable)',
      collect,
    )
    .addOption(
      wholeNumber('--body-limit <bytes>', 'largest request body accepted', { min: 1, max: 2 ** 31 }).default(
        1024 * 1024,
      ),
    )
    .addOption(
      lifetime('--mcp-idle-timeout <lifetime>', 'close MCP sessions idle this long, e.g. 90s, 5m, 1h', {
        seconds: true,
      }).default(lifetimeMs('5m'), '5m'),
    )
    .option('--project-dir <dir>', 'accept scope "project" over HTTP, for the project in this folder')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration token create --name laptop\n  mcp-orchestration serve --port 8000\n  mcp-orchestration serve --host 0.0.0.0 --allowed-host hub.example.com --cors-origin https://admin.example.com',
    )
    .action(async (flags: ServeFlags) => {
      try {
        await serveCommand(flags);
      } catch (err) {
        process.exitCode = printError(err, flags);
      }
    });
}
