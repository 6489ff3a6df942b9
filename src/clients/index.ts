/**
 * @module clients
 * Every supported MCP client. `claude-desktop` is the default client (DESIGN.md section 4).
 * @example
 * const adapter = getAdapter('vscode');
 * adapter.configPath(processPathContext(), 'project'); // <cwd>/.vscode/mcp.json
 */
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import { didYouMean } from '../core/suggest.js';
import type { ClientAdapter } from './adapter.js';
import { fiveIre } from './adapters/5ire.js';
import { amazonQ } from './adapters/amazon-q.js';
import { amp } from './adapters/amp.js';
import { antigravity } from './adapters/antigravity.js';
import { boltai } from './adapters/boltai.js';
import { claudeCode } from './adapters/claude-code.js';
import { claudeDesktop } from './adapters/claude-desktop.js';
import { cline } from './adapters/cline.js';
import { clineCli } from './adapters/cline-cli.js';
import { codex } from './adapters/codex.js';
import { continueDev } from './adapters/continue.js';
import { crush } from './adapters/crush.js';
import { cursor } from './adapters/cursor.js';
import { factoryDroid } from './adapters/factory-droid.js';
import { geminiCli } from './adapters/gemini-cli.js';
import { githubCopilotCli } from './adapters/github-copilot-cli.js';
import { goose } from './adapters/goose.js';
import { junie } from './adapters/junie.js';
import { kiloCli } from './adapters/kilo-cli.js';
import { kiloCode } from './adapters/kilo-code.js';
import { kimiCode } from './adapters/kimi-code.js';
import { kiro } from './adapters/kiro.js';
import { lmStudio } from './adapters/lm-studio.js';
import { mcporter } from './adapters/mcporter.js';
import { mistralVibe } from './adapters/mistral-vibe.js';
import { opencode } from './adapters/opencode.js';
import { qwenCode } from './adapters/qwen-code.js';
import { rooCode } from './adapters/roo-code.js';
import { trae } from './adapters/trae.js';
import { visualStudio } from './adapters/visual-studio.js';
import { vscode } from './adapters/vscode.js';
import { windsurf } from './adapters/windsurf.js';
import { zed } from './adapters/zed.js';

export * from './adapter.js';
export * from './formats/index.js';
export { processPathContext } from './paths.js';

export const DEFAULT_CLIENT_ID = 'claude-desktop';

/** All adapters, the default client first, then by id. */
export const ALL_ADAPTERS: readonly ClientAdapter[] = [
  claudeDesktop,
  fiveIre,
  amazonQ,
  amp,
  antigravity,
  boltai,
  claudeCode,
  cline,
  clineCli,
  codex,
  continueDev,
  crush,
  cursor,
  factoryDroid,
  geminiCli,
  githubCopilotCli,
  goose,
  junie,
  kiloCli,
  kiloCode,
  kimiCode,
  kiro,
  lmStudio,
  mcporter,
  mistralVibe,
  opencode,
  qwenCode,
  rooCode,
  trae,
  visualStudio,
  vscode,
  windsurf,
  zed,
];

const BY_ID = new Map(ALL_ADAPTERS.map((adapter) => [adapter.id, adapter]));

function unknownClient(ids: string[]): OrchestrationError {
  const clients = [...BY_ID.keys()];
  const each = ids.map((id) => `Unknown client "${id}".${didYouMean(id, clients)}`).join(' ');
  return new OrchestrationError('UNKNOWN_CLIENT', `${each} Known clients: ${clients.join(', ')}.`, {
    clientId: ids[0],
    ...(ids.length > 1 ? { clientIds: ids } : {}),
    clients,
  });
}

/** The adapter of a client id; UNKNOWN_CLIENT (with "did you mean" and the known ids) otherwise. */
export function getAdapter(id: string): ClientAdapter {
  const adapter = BY_ID.get(id);
  if (!adapter) throw unknownClient([id]);
  return adapter;
}

/**
 * A well-formed id of a supported client: INVALID_ID or UNKNOWN_CLIENT otherwise. Why: a misspelt
 * id once created drafts and profiles for a client that does not exist.
 * @example assertClientId('cusor') // throws UNKNOWN_CLIENT: ... Did you mean "cursor"?
 */
export function assertClientId(id: unknown): string {
  return getAdapter(assertId('client', id)).id;
}

/** Every id of a list, checked whole before anything is written; all unknown ones are named at once. */
export function assertClientIds(ids: readonly unknown[]): string[] {
  const checked = ids.map((id) => assertId('client', id));
  const unknown = checked.filter((id) => !BY_ID.has(id));
  if (unknown.length > 0) throw unknownClient([...new Set(unknown)]);
  return [...new Set(checked)];
}

/** All adapters (a copy, safe to sort or filter). */
export function listAdapters(): ClientAdapter[] {
  return [...ALL_ADAPTERS];
}
