/**
 * @module clients/formats/toml
 * TOML client files (Codex `[mcp_servers.<name>]`, Mistral Vibe `[[mcp_servers]]`): smol-toml
 * validates (all of TOML 1.0) and renders new entries; the edit itself is textual, so only the
 * tables of changed servers are replaced, removed or appended and every comment and other table
 * stays byte for byte. The result is parsed again and must hold exactly the intended servers and
 * the same everything else. Servers defined inline (`mcp_servers = {...}`, dotted keys) are
 * refused rather than guessed at.
 */
import { parse, stringify, TomlError } from 'smol-toml';
import { parseNested, tooDeep } from '../../core/nesting.js';
import type { ClientAdapter } from '../adapter.js';
import {
  type ClientServers,
  configInvalid,
  isPlainObject,
  sameValue,
  serversOf,
  splitSource,
} from './source-text.js';

interface Header {
  line: number;
  path: string[];
  array: boolean;
}

function parseToml(body: string, adapter: ClientAdapter): Record<string, unknown> {
  const what = `The ${adapter.name} config`;
  try {
    return parseNested(() => parse(body), what) as Record<string, unknown>;
  } catch (err) {
    // smol-toml stops at its own depth limit (1,000 levels) before the stack runs out.
    if (err instanceof TomlError && /excessively nested/.test(err.message)) throw tooDeep(what);
    if (err instanceof TomlError) {
      const reason = err.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
      throw configInvalid(adapter, reason, { line: err.line, column: err.column });
    }
    throw err;
  }
}

/** The client entries of a TOML file by server name. */
export function readTomlServers(text: string, adapter: ClientAdapter): ClientServers {
  const root = parseToml(splitSource(text).body, adapter);
  return serversOf(adapter, root[rootKey(adapter)], adapter.serversKey);
}

function rootKey(adapter: ClientAdapter): string {
  const [key, ...rest] = adapter.serversKey;
  if (key === undefined || rest.length > 0)
    throw configInvalid(adapter, 'nested TOML containers are not supported', undefined);
  return key;
}

/** Reads one dotted key (bare, "basic" or 'literal' segments) starting at `i`. */
function readKey(line: string, start: number): { path: string[]; end: number } | undefined {
  const path: string[] = [];
  let i = start;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const ch = line[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let raw = '';
      while (j < line.length && line[j] !== ch) {
        if (ch === '"' && line[j] === '\\') {
          raw += line.slice(j, j + 2);
          j += 2;
        } else raw += line[j++];
      }
      if (j >= line.length) return undefined;
      path.push(ch === '"' ? (JSON.parse(`"${raw}"`) as string) : raw);
      i = j + 1;
    } else {
      const bare = /^[A-Za-z0-9_-]+/.exec(line.slice(i))?.[0];
      if (!bare) return undefined;
      path.push(bare);
      i += bare.length;
    }
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== '.') return { path, end: i };
    i++;
  }
}

/**
 * Table headers at the top level of the text, skipping anything inside strings, multi-line
 * strings and multi-line arrays or inline tables.
 */
function findHeaders(lines: string[]): Header[] {
  const headers: Header[] = [];
  let depth = 0;
  let multiline: '"""' | "'''" | undefined;
  lines.forEach((line, index) => {
    let i = 0;
    if (!multiline && depth === 0) {
      const trimmed = line.trimStart();
      if (trimmed.startsWith('[')) {
        const offset = line.length - trimmed.length;
        const array = trimmed.startsWith('[[');
        const key = readKey(line, offset + (array ? 2 : 1));
        if (key) headers.push({ line: index, path: key.path, array });
        return;
      }
    }
    while (i < line.length) {
      if (multiline) {
        const close = line.indexOf(multiline, i);
        if (close < 0) return;
        i = close + 3;
        while (line[i] === multiline[0]) i++;
        multiline = undefined;
        continue;
      }
      const ch = line[i];
      if (ch === '#') return;
      if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
        multiline = line.slice(i, i + 3) as '"""' | "'''";
        i += 3;
        continue;
      }
      if (ch === '"' || ch === "'") {
        i++;
        while (i < line.length && line[i] !== ch) i += ch === '"' && line[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (ch === '[' || ch === '{') depth++;
      if (ch === ']' || ch === '}') depth--;
      i++;
    }
  });
  return headers;
}

interface Block {
  /** First line (leading comments included) and one past the last line. */
  start: number;
  end: number;
  /** The server the block belongs to, if any. */
  owner: string | undefined;
  /** The container header itself (`[mcp_servers]`). */
  container: boolean;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function isComment(line: string): boolean {
  return line.trimStart().startsWith('#');
}

/** Splits the lines into blocks, each table with the comment lines right above its header. */
function blocksOf(lines: string[], headers: Header[], key: string, names: string[] | undefined): Block[] {
  const starts = headers.map((h) => {
    let start = h.line;
    while (start > 0 && isComment(lines[start - 1] ?? '')) start--;
    return start;
  });
  const blocks: Block[] = [{ start: 0, end: starts[0] ?? lines.length, owner: undefined, container: false }];
  let element = -1;
  headers.forEach((h, i) => {
    const start = Math.max(starts[i] ?? h.line, blocks.at(-1)?.start ?? 0);
    const end = starts[i + 1] ?? lines.length;
    let owner: string | undefined;
    const inContainer = h.path[0] === key;
    if (inContainer && h.array && h.path.length === 1) element++;
    if (inContainer && names && (h.path.length === 1 ? h.array : element >= 0)) owner = names[element];
    else if (inContainer && !names && h.path.length >= 2) owner = h.path[1];
    const prev = blocks.at(-1);
    if (prev) prev.end = start;
    blocks.push({ start, end, owner, container: inContainer && h.path.length === 1 && !h.array });
  });
  return blocks;
}

/** The rendering of one server's tables, ending with a line break. */
function render(adapter: ClientAdapter, key: string, name: string, value: unknown, eol: string): string {
  const doc = adapter.container === 'list' ? { [key]: [value] } : { [key]: { [name]: value } };
  return `${stringify(doc).trim()}\n`.replaceAll('\n', eol);
}

/**
 * The file with its servers holding exactly `servers` (foreign entries kept); the same text when
 * nothing changed.
 */
export function writeTomlServers(text: string, adapter: ClientAdapter, servers: ClientServers): string {
  const { bom, body, eol } = splitSource(text);
  const key = rootKey(adapter);
  const root = parseToml(body, adapter);
  const existing = serversOf(adapter, root[key], adapter.serversKey);
  const removed = new Set(Object.keys(existing).filter((name) => !Object.hasOwn(servers, name)));
  const changed = new Set(
    Object.keys(servers).filter(
      (name) => Object.hasOwn(existing, name) && !sameValue(existing[name], servers[name]),
    ),
  );
  const added = Object.keys(servers).filter((name) => !Object.hasOwn(existing, name));
  if (removed.size === 0 && changed.size === 0 && added.length === 0) return text;

  const lines = body === '' ? [] : body.split(/(?<=\n)/);
  const headers = findHeaders(lines);
  const names = listNames(adapter, root[key]);
  checkSurgical(adapter, key, root, headers, lines, names);
  const blocks = blocksOf(lines, headers, key, names);

  const out: string[] = [];
  const written = new Set<string>();
  let insertAt = -1;
  for (const block of blocks) {
    const blockLines = lines.slice(block.start, block.end);
    const owner = block.owner;
    if (
      owner === undefined ||
      !Object.hasOwn(existing, owner) ||
      (!removed.has(owner) && !changed.has(owner))
    ) {
      out.push(...blockLines);
      if (owner !== undefined || block.container) insertAt = out.length;
      continue;
    }
    if (removed.has(owner) || written.has(owner)) continue;
    written.add(owner);
    let trailing = blockLines.length;
    while (trailing > 0 && isBlank(blockLines[trailing - 1] ?? '')) trailing--;
    const leading = blockLines.slice(
      0,
      blockLines.findIndex((l) => !isComment(l)),
    );
    out.push(...leading, render(adapter, key, owner, servers[owner], eol), ...blockLines.slice(trailing));
    insertAt = out.length - (blockLines.length - trailing);
  }
  if (added.length > 0) {
    const additions = added.map((name) => render(adapter, key, name, servers[name], eol));
    if (insertAt < 0) insertAt = out.length;
    const before = out.slice(0, insertAt);
    const last = before.at(-1);
    if (last !== undefined && !last.endsWith('\n')) before[before.length - 1] = `${last}${eol}`;
    const separated = additions.flatMap((a) => [eol, a]);
    if (before.length === 0 || isBlank(before.at(-1) ?? '')) separated.shift();
    const after = out.slice(insertAt);
    const gap = after.length > 0 && !isBlank(after[0] ?? '') ? [eol] : [];
    out.splice(0, out.length, ...before, ...separated, ...gap, ...after);
  }
  // A removed table took the blank line that separated it from the next; removed last, the blank
  // line above it is left at the end of the file: end with as many blank lines as the file did.
  const blanksAtEnd = (xs: string[]) => {
    let n = 0;
    while (n < xs.length && isBlank(xs[xs.length - 1 - n] ?? '')) n++;
    return n;
  };
  if (removed.size > 0) out.splice(out.length - Math.max(0, blanksAtEnd(out) - blanksAtEnd(lines)));
  const result = out.join('');
  verify(adapter, key, root, result, servers, existing);
  return `${bom}${result}`;
}

/** Names of a list container's elements, in order (undefined for a map container). */
function listNames(adapter: ClientAdapter, container: unknown): string[] | undefined {
  if (adapter.container !== 'list') return undefined;
  return (Array.isArray(container) ? container : []).map((item, i) =>
    isPlainObject(item) && typeof item.name === 'string' ? item.name : `\u0000unnamed-${i}`,
  );
}

/** Refuses files whose servers are not all written as their own tables. */
function checkSurgical(
  adapter: ClientAdapter,
  key: string,
  root: Record<string, unknown>,
  headers: Header[],
  lines: string[],
  names: string[] | undefined,
): void {
  const refuse = (why: string) =>
    configInvalid(
      adapter,
      `${why}, which cannot be edited surgically; rewrite them as [${key}...] tables`,
      undefined,
    );
  if (names) {
    const count = headers.filter((h) => h.array && h.path.length === 1 && h.path[0] === key).length;
    if (count !== names.length) throw refuse(`"${key}" is defined inline`);
    return;
  }
  const tabled = new Set(
    headers.filter((h) => h.path[0] === key && h.path.length >= 2).map((h) => h.path[1]),
  );
  const container = root[key];
  const inline = isPlainObject(container) ? Object.keys(container).filter((name) => !tabled.has(name)) : [];
  const header = headers.find((h) => h.path.length === 1 && h.path[0] === key && !h.array);
  if (header) {
    const next = headers.find((h) => h.line > header.line)?.line ?? lines.length;
    const body = lines.slice(header.line + 1, next).filter((l) => !isBlank(l) && !isComment(l));
    if (body.length > 0) throw refuse(`keys are set directly under [${key}]`);
  }
  if (inline.length > 0) throw refuse(`server(s) ${inline.join(', ')} are defined inline`);
}

/** The edit must yield exactly the intended servers and leave everything else equal. */
function verify(
  adapter: ClientAdapter,
  key: string,
  root: Record<string, unknown>,
  result: string,
  servers: ClientServers,
  existing: ClientServers,
): void {
  const reparsed = parseToml(result, adapter);
  const { [key]: _before, ...otherBefore } = root;
  const { [key]: _after, ...otherAfter } = reparsed;
  const got = serversOf(adapter, reparsed[key], adapter.serversKey);
  const foreignKept = Object.keys(
    serversOf({ ...adapter, isForeign: () => false }, root[key], adapter.serversKey),
  )
    .filter((name) => !Object.hasOwn(existing, name))
    .every((name) =>
      Object.hasOwn(
        serversOf({ ...adapter, isForeign: () => false }, reparsed[key], adapter.serversKey),
        name,
      ),
    );
  if (!sameValue(got, servers) || !sameValue(otherBefore, otherAfter) || !foreignKept) {
    throw configInvalid(
      adapter,
      'the surgical edit could not be verified, so the file was left alone',
      undefined,
    );
  }
}
