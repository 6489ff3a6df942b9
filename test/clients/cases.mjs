/**
 * @module test/clients/cases
 * How to ask each client's own program what it sees, and how to let it add servers itself. Each
 * case names the commands, what its listing shows (the suite checks exactly those fields, and
 * reports the rest as documented limitations), and the client's own `mcp add` commands.
 *
 * - `view(scope)`: commands whose output, split into one block per server, is what the client sees.
 * - `connected`: the per-server sign, in that output, that the client connected to the server.
 * - `shows`: which fields the output shows; `type.http` / `type.sse` match the transport label.
 * - `add(scope, urls)`: the client's own commands that add `rt-stdio` (args + env), `rt-http`
 *   (with a header where the client can) and `rt-sse` (where the client runs SSE).
 */

const CONF_NAMES = ['conf-stdio', 'conf-ref', 'conf-http', 'conf-sse'];
const STDIO_ADD = { command: 'node', args: ['/opt/rt/server.js', '--rt'], env: ['RT_KEY', 'rt-value'] };

/** Servers named in `add` commands, with what the client is asked to write. */
export const ROUND_TRIP = ['rt-stdio', 'rt-http', 'rt-sse'];

export const CASES = {
  'claude-code': {
    scopes: ['user', 'project'],
    view: () => [['mcp', 'list'], ...CONF_NAMES.map((n) => ['mcp', 'get', n])],
    connected: /✔ Connected/,
    shows: {
      command: true,
      args: true,
      env: true,
      headers: true,
      type: { http: /\bHTTP\b/i, sse: /\bSSE\b/i },
    },
    // Project servers from .mcp.json wait for the user's approval before they connect.
    connectsIn: ['user'],
    add: (scope, urls) => [
      [
        'mcp',
        'add',
        '-s',
        scope,
        'rt-stdio',
        '-e',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        '--',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      ['mcp', 'add', '-s', scope, '-t', 'http', 'rt-http', urls.http, '-H', 'X-Rt: rt-header'],
      ['mcp', 'add', '-s', scope, '-t', 'sse', 'rt-sse', urls.sse],
    ],
    limitations: ['project servers (`.mcp.json`) need approval before `claude mcp list` connects them'],
  },
  'gemini-cli': {
    scopes: ['user', 'project'],
    // Gemini disables every server in a folder it does not trust; the user trusts the project.
    setup: (sb) => sb.writeJson(`${sb.home}/.gemini/trustedFolders.json`, { [sb.project]: 'TRUST_FOLDER' }),
    view: () => [['mcp', 'list']],
    connected: /- Connected/,
    shows: { command: true, args: true, type: { http: /\(http\)/, sse: /\(sse\)/ } },
    add: (scope, urls) => [
      [
        'mcp',
        'add',
        '-s',
        scope,
        '-e',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        'rt-stdio',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      ['mcp', 'add', '-s', scope, '-t', 'http', '-H', 'X-Rt: rt-header', 'rt-http', urls.http],
      ['mcp', 'add', '-s', scope, '-t', 'sse', 'rt-sse', urls.sse],
    ],
    limitations: ['`gemini mcp list` shows neither env nor headers', 'servers run only in a trusted folder'],
  },
  'qwen-code': {
    scopes: ['user', 'project'],
    // Project servers wait for approval; the user approves each with Qwen's own command.
    view: (scope) => [
      ...(scope === 'project' ? CONF_NAMES.map((n) => ['mcp', 'approve', n]) : []),
      ['mcp', 'list'],
    ],
    connected: /- Connected/,
    shows: { command: true, args: true, type: { http: /\(http\)/, sse: /\(sse\)/ } },
    add: (scope, urls) => [
      [
        'mcp',
        'add',
        '-s',
        scope,
        '-e',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        'rt-stdio',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      ['mcp', 'add', '-s', scope, '-t', 'http', '-H', 'X-Rt: rt-header', 'rt-http', urls.http],
      ['mcp', 'add', '-s', scope, '-t', 'sse', 'rt-sse', urls.sse],
    ],
    limitations: ['`qwen mcp list` shows neither env nor headers', 'project servers need `qwen mcp approve`'],
  },
  codex: {
    scopes: ['user'],
    view: () => CONF_NAMES.map((n) => ['mcp', 'get', n]),
    shows: { command: true, args: true, env: true, headers: true, type: { http: /streamable_http/ } },
    add: (_scope, urls) => [
      [
        'mcp',
        'add',
        'rt-stdio',
        '--env',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        '--',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      ['mcp', 'add', 'rt-http', '--url', urls.http],
    ],
    limitations: [
      '`codex mcp list` does not connect',
      'no SSE: bridged through `mcp-remote`',
      'project `.codex/config.toml` is read only in trusted projects',
      '`codex mcp add` takes no header (only `--bearer-token-env-var`)',
    ],
  },
  opencode: {
    scopes: ['user'],
    view: () => [['mcp', 'list']],
    connected: /✓ \S+ connected/,
    shows: { command: true, args: true },
    add: () => [],
    limitations: [
      '`opencode mcp add` is interactive only',
      'no SSE: bridged through `mcp-remote`',
      '`opencode mcp list` shows neither env nor headers',
    ],
  },
  'kilo-cli': {
    scopes: ['user'],
    view: () => [['mcp', 'list']],
    connected: /✓ \S+ connected/,
    shows: { command: true, args: true },
    add: () => [],
    limitations: [
      '`kilo mcp add` is interactive only',
      'no SSE: bridged through `mcp-remote`',
      '`kilo mcp list` shows neither env nor headers',
    ],
  },
  'github-copilot-cli': {
    scopes: ['user'],
    view: () => [['mcp', 'list'], ...CONF_NAMES.map((n) => ['mcp', 'get', n])],
    shows: {
      command: true,
      args: true,
      env: true,
      headers: true,
      type: { http: /Type: http/, sse: /Type: sse/ },
    },
    add: (_scope, urls) => [
      [
        'mcp',
        'add',
        'rt-stdio',
        '--env',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        '--tools',
        'ping',
        '--',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      ['mcp', 'add', '--transport', 'http', '--header', 'X-Rt: rt-header', 'rt-http', urls.http],
      ['mcp', 'add', '--transport', 'sse', 'rt-sse', urls.sse],
    ],
    limitations: ['`copilot mcp list` does not connect', 'masks env and header values'],
  },
  mcporter: {
    scopes: ['user'],
    view: () => [['config', 'list'], ['list']],
    shows: { command: true, args: true, type: { http: /Transport: http/ } },
    connectedAll: /Listed 4 servers \(4 healthy\)/,
    add: (_scope, urls) => [
      [
        'config',
        'add',
        'rt-stdio',
        '--scope',
        'home',
        '--command',
        STDIO_ADD.command,
        '--env',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        '--',
        ...STDIO_ADD.args,
      ],
      ['config', 'add', 'rt-http', '--scope', 'home', '--url', urls.http, '--header', 'X-Rt=rt-header'],
      ['config', 'add', 'rt-sse', '--scope', 'home', '--transport', 'sse', '--url', urls.sse],
    ],
    limitations: [
      '`mcporter config list` shows neither env nor headers; `mcporter list` reports health as a count',
    ],
  },
  'cline-cli': {
    scopes: ['user'],
    view: () => [['config', 'mcp']],
    shows: { type: { http: /\[streamableHttp\]/, sse: /\[sse\]/ } },
    add: (_scope, urls) => [
      ['mcp', 'add', '--yes', 'rt-stdio', '--', STDIO_ADD.command, ...STDIO_ADD.args],
      ['mcp', 'add', '--yes', '--transport', 'http', '--header', 'X-Rt: rt-header', 'rt-http', urls.http],
      ['mcp', 'add', '--yes', '--transport', 'sse', 'rt-sse', urls.sse],
    ],
    limitations: ['`cline config mcp` shows only names and transports; it does not connect'],
  },
  'factory-droid': {
    scopes: ['user'],
    view: () => [['mcp', 'list']],
    connected: /\bconnected\b/,
    shows: { type: { http: /\bhttp\b/, sse: /\bsse\b/ } },
    add: (_scope, urls) => [
      [
        'mcp',
        'add',
        '--env',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        'rt-stdio',
        '--',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      ['mcp', 'add', '--type', 'http', '--header', 'X-Rt: rt-header', 'rt-http', urls.http],
      ['mcp', 'add', '--type', 'sse', 'rt-sse', urls.sse],
    ],
    limitations: ['`droid mcp list` shows names, transports and status only'],
  },
  amp: {
    scopes: ['user', 'project'],
    view: () => [['mcp', 'list']],
    shows: { command: true, args: true },
    add: (scope, urls) => [
      [
        'mcp',
        'add',
        ...(scope === 'project' ? ['--workspace'] : []),
        '--env',
        `${STDIO_ADD.env[0]}=${STDIO_ADD.env[1]}`,
        'rt-stdio',
        '--',
        STDIO_ADD.command,
        ...STDIO_ADD.args,
      ],
      [
        'mcp',
        'add',
        ...(scope === 'project' ? ['--workspace'] : []),
        '--header',
        'X-Rt=rt-header',
        'rt-http',
        urls.http,
      ],
    ],
    limitations: ['`amp mcp doctor` (which connects) needs a login', 'no SSE: bridged through `mcp-remote`'],
  },
  continue: {
    scopes: ['user'],
    view: () => [],
    shows: {},
    add: () => [],
    limitations: ['`cn` has no command that lists or adds MCP servers without a login'],
  },
};
