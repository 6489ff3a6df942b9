/**
 * @module core/front-door
 * Error messages in the words of the front door they come through. The service writes its hints
 * for the CLI (`--param path=VALUE`, `run "mcp-orchestration init"`); a model calling MCP tools
 * cannot use flags, so over MCP the same hint names the tool and its parameters instead.
 */

/** CLI command -> the MCP tool that does the same. */
const TOOLS: Record<string, string> = {
  init: 'initialize_keys',
  'init --regenerate': 'initialize_keys',
  publish: 'publish_config',
  deploy: 'deploy_config',
  validate: 'validate_config',
  status: 'deployment_status',
  rollback: 'rollback_config',
  import: 'import_client_config',
  'draft add': 'add_server_to_config',
  'draft add-custom': 'add_custom_server_to_config',
  'draft remove': 'remove_server_from_config',
  'draft show': 'view_draft_config',
  'draft clear': 'clear_draft_config',
  history: 'get_history',
  get: 'get_config',
  diff: 'diff_config',
  verify: 'verify_config',
  list: 'list_client_servers',
  clients: 'list_clients',
  profiles: 'list_profiles',
  'servers list': 'list_available_servers',
  'servers show': 'describe_server',
  add: 'add_server_to_clients',
  remove: 'remove_server_from_clients',
  enable: 'enable_server',
  disable: 'disable_server',
};

/** CLI flag -> tool parameter, where the name is not simply the flag in snake_case. */
const FIELDS: Record<string, string> = {
  client: 'client_id',
  profile: 'profile_id',
  param: 'params',
  to: 'to',
  'restore-backup': 'restore_backup',
};

const field = (flag: string) => FIELDS[flag] ?? flag.replaceAll('-', '_');

/** `--client a --profile b --clients c` -> `client_id "a", profile_id "b", clients "c"`. */
function flagsToFields(args: string): string {
  const parts: string[] = [];
  const re = /--([a-z][a-z-]*)(?:[ =]([^\s-][^\s]*))?/g;
  for (const m of args.matchAll(re)) {
    const [, flag = '', value] = m;
    parts.push(value === undefined ? `${field(flag)}: true` : `${field(flag)}: ${JSON.stringify(value)}`);
  }
  return parts.join(', ');
}

/**
 * The message as an MCP tool caller should read it: commands become tools, flags become parameters.
 * @example forMcp('Add it with --param path=VALUE.') // 'Add it with params {"path": "VALUE"}.'
 */
export function forMcp(message: string): string {
  return message
    .replace(/\bRun the command again\b/g, 'Call the tool again')
    .replace(
      /(?:run |Run )?"mcp-orchestration ([a-z][a-z-]*(?: [a-z][a-z-]*)*)([^"]*)"/g,
      (whole, cmd: string, rest: string) => {
        const words = cmd.trim().split(' ');
        // The longest known command prefix (e.g. "draft add" before "draft").
        for (let n = words.length; n > 0; n--) {
          const tool = TOOLS[words.slice(0, n).join(' ')];
          if (!tool) continue;
          const fields = flagsToFields(rest);
          const verb = /^[Rr]un /.test(whole) ? (whole.startsWith('R') ? 'Call' : 'call') : '';
          return `${verb ? `${verb} ` : ''}the ${tool} tool${fields ? ` with ${fields}` : ''}`;
        }
        return whole;
      },
    )
    .replace(
      /--param ([A-Za-z_][\w-]*)=(\S+?)(?=[\s.,;)]|$)/g,
      (_m, k: string, v: string) => `params {"${k}": "${v}"}`,
    )
    .replace(
      /--env ([A-Za-z_]\w*)=(\S+?)(?=[\s.,;)]|$)/g,
      (_m, k: string, v: string) => `env {"${k}": "${v}"}`,
    )
    .replace(/--([a-z][a-z-]*[a-z])\b/g, (_m, flag: string) => `\`${field(flag)}\``);
}
