/**
 * @module clients/formats/jsonc
 * Surgical edits of JSON and JSONC client files with jsonc-parser: only the entries of changed
 * servers are touched; comments, other keys, key order, indentation, trailing commas, the BOM and
 * CRLF line endings stay as they were. Comments and trailing commas are accepted even in files
 * the client calls strict JSON: a file the client wrote is what it is.
 */
import {
  applyEdits,
  createScanner,
  type Edit,
  type FormattingOptions,
  findNodeAtLocation,
  getNodeValue,
  modify,
  type Node,
  type ParseError,
  parse,
  parseTree,
  printParseErrorCode,
  visit,
} from 'jsonc-parser';
import { parseNested } from '../../core/nesting.js';
import type { ClientAdapter } from '../adapter.js';
import {
  type ClientServers,
  configInvalid,
  containerKey,
  isPlainObject,
  positionOf,
  sameValue,
  serversOf,
  splitSource,
  valueAt,
} from './source-text.js';

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** The parsed document (`{}` for an empty file); CLIENT_CONFIG_INVALID with line and column otherwise. */
export function parseJsonDocument(body: string, adapter: ClientAdapter): Record<string, unknown> {
  if (body.trim() === '') return {};
  const errors: ParseError[] = [];
  const root: unknown = parseNested(() => parse(body, errors, PARSE_OPTIONS), `The ${adapter.name} config`);
  const first = errors[0];
  if (first) {
    const name = printParseErrorCode(first.error);
    throw configInvalid(adapter, name, positionOf(body, first.offset), { error: name });
  }
  if (!isPlainObject(root)) throw configInvalid(adapter, 'the top level must be an object', undefined);
  refuseDuplicateKeys(body, adapter);
  return root;
}

/**
 * A key twice in one object: the parser keeps the last and the client may keep either, so which
 * server runs would be a guess. CLIENT_CONFIG_INVALID at the second one instead.
 */
function refuseDuplicateKeys(body: string, adapter: ClientAdapter): void {
  const open: Array<Set<string>> = [];
  visit(
    body,
    {
      onObjectBegin: () => {
        open.push(new Set());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (name, offset) => {
        const keys = open[open.length - 1];
        if (!keys) return;
        if (keys.has(name))
          throw configInvalid(
            adapter,
            `the key ${JSON.stringify(name)} appears twice in the same object`,
            positionOf(body, offset),
            {
              error: 'DuplicateKey',
              key: name,
            },
          );
        keys.add(name);
      },
    },
    PARSE_OPTIONS,
  );
}

/** The client entries of a JSON/JSONC file by server name. */
export function readJsonServers(text: string, adapter: ClientAdapter): ClientServers {
  const root = parseJsonDocument(splitSource(text).body, adapter);
  const key = containerKey(adapter, root);
  return serversOf(adapter, valueAt(root, key), key);
}

/** The file's indentation unit: tabs, or the width of the first indented key (else line; 2 if none). */
function detectIndentUnit(body: string): string {
  const match = /\n([ \t]+)"/.exec(body) ?? /\n([ \t]+)\S/.exec(body);
  const indent = match?.[1];
  if (indent?.startsWith('\t')) return '\t';
  return ' '.repeat(indent ? indent.length : 2);
}

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules cannot reference.
const COMMA = 5;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const EOF = 17;

interface Token {
  kind: number;
  offset: number;
  end: number;
}

/** Tokens (trivia and comments included) that start in [from, to). */
function scanRange(text: string, from: number, to: number): Token[] {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  const out: Token[] = [];
  for (;;) {
    const kind = scanner.scan();
    const offset = scanner.getTokenOffset();
    if (kind === EOF || offset >= to) return out;
    out.push({ kind, offset, end: offset + scanner.getTokenLength() });
  }
}

const isComment = (text: string, t: Token | undefined): boolean =>
  t !== undefined &&
  (t.kind === LINE_COMMENT || (t.kind === BLOCK_COMMENT && !/[\r\n]/.test(text.slice(t.offset, t.end))));

/** One property of the servers container and the text around it. */
interface Entry {
  name: string;
  offset: number;
  valueNode: Node;
  valueEnd: number;
  /** Tokens between the previous entry's value (or `{`) and this entry. */
  before: Token[];
  /** The comma after the value, if any. */
  comma: Token | undefined;
  /** Alone on its line(s): only whitespace before it, only its comma and comments after it. */
  ownLine: boolean;
  /** Start of the first line of the comments directly above it (no blank line between); own-line entries. */
  blockStart: number;
  /** End of the line break that ends its last line; own-line entries. */
  blockEnd: number;
}

function entriesOf(text: string, container: Node): Entry[] {
  const props = container.children ?? [];
  const close = container.offset + container.length - 1;
  let prevEnd = container.offset + 1;
  return props.flatMap((node, i) => {
    const [keyNode, valueNode] = node.children ?? [];
    if (!keyNode || !valueNode) return [];
    const valueEnd = valueNode.offset + valueNode.length;
    const nextStart = props[i + 1]?.offset ?? close;
    const before = scanRange(text, prevEnd, node.offset);
    const after = scanRange(text, valueEnd, nextStart);
    prevEnd = valueEnd;
    const comma = after.find((t) => t.kind === COMMA);
    let j = before.length - 1;
    if (before[j]?.kind === TRIVIA) j--;
    const startsLine = before[j]?.kind === LINE_BREAK;
    let lineBreak: Token | undefined;
    for (const t of after) {
      if (t.kind === TRIVIA || t.kind === COMMA || isComment(text, t)) continue;
      if (t.kind === LINE_BREAK) lineBreak = t;
      break;
    }
    // Comments on the lines directly above belong to the entry; a blank line, or a comment
    // sharing a line with the previous entry or the opening brace, ends them.
    let blockStart = node.offset;
    if (startsLine) {
      blockStart = (before[j] as Token).end;
      for (;;) {
        let k = j - 1;
        if (before[k]?.kind === TRIVIA) k--;
        if (!isComment(text, before[k])) break;
        k--;
        if (before[k]?.kind === TRIVIA) k--;
        const lb = before[k];
        if (lb?.kind !== LINE_BREAK) break;
        blockStart = lb.end;
        j = k;
      }
    }
    const entry: Entry = {
      name: String(keyNode.value),
      offset: node.offset,
      valueNode,
      valueEnd,
      before,
      comma,
      ownLine: startsLine && lineBreak !== undefined,
      blockStart,
      blockEnd: lineBreak?.end ?? valueEnd,
    };
    return [entry];
  });
}

/** The range that removing an entry deletes, leaving its neighbours' bytes and comments alone. */
function removalRange(text: string, entry: Entry): { offset: number; end: number } {
  if (entry.ownLine) return { offset: entry.blockStart, end: entry.blockEnd };
  const last = entry.before[entry.before.length - 1];
  const spaceBefore = last?.kind === TRIVIA ? last.offset : entry.offset;
  if (!entry.comma) {
    // The last entry, sharing its line with the closing brace: the brace moves up to the line
    // of the entry before (the line break after a line comment stays).
    let i = entry.before.length - 1;
    while (entry.before[i]?.kind === TRIVIA || entry.before[i]?.kind === LINE_BREAK) i--;
    const kept = entry.before[i]?.kind === LINE_COMMENT ? i + 1 : i;
    const from = entry.before[kept + 1]?.offset ?? entry.offset;
    return { offset: Math.min(from, spaceBefore), end: entry.valueEnd };
  }
  const rest = scanRange(text, entry.comma.end, text.length);
  const space = rest[0]?.kind === TRIVIA ? rest[0] : undefined;
  const end = space?.end ?? entry.comma.end;
  const next = rest[space ? 1 : 0];
  // `"a": 1, "b": 2,⏎` loses ` "b": 2,`; `"b": 2, "c": 3` loses `"b": 2, `.
  const lineEnds = next === undefined || next.kind === LINE_BREAK || text[next.offset] === '}';
  return { offset: lineEnds ? spaceBefore : entry.offset, end };
}

/** Compact JSON in the file's own spacing (`{"a": 1, "b": [2]}` or `{"a":1,"b":[2]}`). */
function compactJson(value: unknown, spaced: boolean): string {
  if (!spaced) return JSON.stringify(value);
  const walk = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(walk).join(', ')}]`;
    if (isPlainObject(v))
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${walk(x)}`)
        .join(', ')}}`;
    return JSON.stringify(v);
  };
  return walk(JSON.parse(JSON.stringify(value)) as unknown);
}

/** Applies non-overlapping edits in one pass (insertions before deletions at the same offset). */
function applyInOnePass(text: string, edits: Edit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || a.e.length - b.e.length || a.i - b.i)
    .map(({ e }) => e);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) throw new Error('overlapping edits of a JSON servers container');
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Merges overlapping or touching deletions (adjacent removed entries). */
function mergeDeletions(ranges: Array<{ offset: number; end: number }>): Edit[] {
  const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
  const merged: Array<{ offset: number; end: number }> = [];
  for (const r of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && r.offset <= prev.end) prev.end = Math.max(prev.end, r.end);
    else merged.push({ ...r });
  }
  return merged.map((r) => ({ offset: r.offset, length: r.end - r.offset, content: '' }));
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
const leadingSpace = (text: string, offset: number): string =>
  /^[ \t]*/.exec(text.slice(lineStart(text, offset), offset))?.[0] ?? '';

/**
 * The file with its servers container holding exactly `servers` (foreign entries kept). Entries
 * equal to what is already there keep their bytes, so writing the same servers twice is a no-op.
 * Every edit is computed on the original text and applied in one pass (a thousand new servers
 * take milliseconds): removed entries go with their own line(s), comma and the comments directly
 * above them; changed values are replaced in place; new entries go after the last one, in the
 * container's layout (one per line with the file's indentation, or on the same line for a
 * one-line container). A trailing comma after the last entry stays if the file had one there.
 */
export function writeJsonServers(text: string, adapter: ClientAdapter, servers: ClientServers): string {
  if (adapter.container !== 'map')
    throw configInvalid(adapter, 'list containers are not supported in JSON', undefined);
  const { bom, body, eol } = splitSource(text);
  const root = parseJsonDocument(body, adapter);
  const key = containerKey(adapter, root);
  const existing = serversOf(adapter, valueAt(root, key), key);
  if (body.trim() === '') {
    const fresh: Record<string, unknown> = {};
    let node = fresh;
    key.forEach((segment, i) => {
      const child: Record<string, unknown> = i === key.length - 1 ? { ...servers } : {};
      node[segment] = child;
      node = child;
    });
    return `${bom}${JSON.stringify(fresh, null, 2).replaceAll('\n', eol)}${eol}`;
  }
  const unit = detectIndentUnit(body);
  let out = body;
  if (!isPlainObject(valueAt(root, key))) {
    if (Object.keys(servers).length === 0) return text;
    const formattingOptions: FormattingOptions = {
      insertSpaces: unit !== '\t',
      tabSize: unit === '\t' ? 1 : unit.length,
      eol,
    };
    out = applyEdits(out, modify(out, [...key], {}, { formattingOptions }));
  }
  out = editContainer(out, key, existing, servers, adapter, unit, eol);
  // A wrong edit must fail loudly rather than be written to a client's config file.
  const check = parseJsonDocument(out, adapter);
  if (!sameValue(serversOf(adapter, valueAt(check, key), key), JSON.parse(JSON.stringify(servers))))
    throw new Error(`editing the ${adapter.name} servers did not give the intended servers`);
  return out === body ? text : `${bom}${out}`;
}

function editContainer(
  text: string,
  key: readonly string[],
  existing: ClientServers,
  servers: ClientServers,
  adapter: ClientAdapter,
  unit: string,
  eol: string,
): string {
  const tree = parseTree(text, [], PARSE_OPTIONS);
  const container = tree && findNodeAtLocation(tree, [...key]);
  if (container?.type !== 'object') throw new Error('servers container not found');
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const entries = entriesOf(text, container);
  const compact =
    !/[\r\n]/.test(text.slice(open, close)) && (entries.length > 0 || !/[\r\n]/.test(text.trimEnd()));
  const spaced = /"\s*:\s/.test(text);
  const containerIndent = leadingSpace(text, open);
  const firstOwn = entries.find((e) => e.ownLine);
  const indent = firstOwn ? leadingSpace(text, firstOwn.offset) : containerIndent + unit;
  const multiline = (value: unknown, at: string) =>
    (JSON.stringify(value, null, unit) ?? 'null').replaceAll('\n', eol + at);

  const deletions: Array<{ offset: number; end: number }> = [];
  const edits: Edit[] = [];
  const present = new Set<string>();
  let last: Entry | undefined;
  for (const entry of entries) {
    const raw: unknown = getNodeValue(entry.valueNode);
    const foreign = adapter.isForeign?.(raw) === true;
    if (!foreign && Object.hasOwn(existing, entry.name) && !Object.hasOwn(servers, entry.name)) {
      deletions.push(removalRange(text, entry));
      continue;
    }
    last = entry;
    if (!Object.hasOwn(servers, entry.name)) continue;
    present.add(entry.name);
    const value = servers[entry.name];
    if (sameValue(raw, value)) continue;
    const content =
      entry.ownLine && !compact
        ? multiline(value, leadingSpace(text, entry.offset))
        : compactJson(value, spaced);
    edits.push({ offset: entry.valueNode.offset, length: entry.valueNode.length, content });
  }
  const fresh = Object.entries(servers).filter(([name]) => !present.has(name));
  const trailingComma = entries[entries.length - 1]?.comma !== undefined;

  // The comma after what is now the last entry: there when more follow or the file ends its
  // entries with one, gone otherwise (a strict JSON file must not get a trailing comma).
  if (last) {
    const wanted = fresh.length > 0 || trailingComma;
    if (last.comma && !wanted) deletions.push({ offset: last.comma.offset, end: last.comma.end });
    if (!last.comma && wanted) edits.push({ offset: last.valueEnd, length: 0, content: ',' });
  }
  if (fresh.length > 0) {
    const tail = trailingComma ? ',' : '';
    if (compact) {
      const sp = spaced ? ' ' : '';
      const items = fresh.map(
        ([name, value]) => `${JSON.stringify(name)}:${sp}${compactJson(value, spaced)}`,
      );
      if (last) {
        const at = last.comma ? last.comma.end : last.valueEnd;
        edits.push({ offset: at, length: 0, content: `${sp}${items.join(`,${sp}`)}${tail}` });
      } else edits.push({ offset: close, length: 0, content: `${items.join(`,${sp}`)}${tail}` });
    } else {
      const items = fresh.map(
        ([name, value]) => `${indent}${JSON.stringify(name)}: ${multiline(value, indent)}`,
      );
      if (last) {
        const lineBreak = scanRange(text, last.valueEnd, close).find((t) => t.kind === LINE_BREAK);
        const content = items.map((item) => `${eol}${item}`).join(',') + tail;
        if (lineBreak) edits.push({ offset: lineBreak.offset, length: 0, content });
        else edits.push({ offset: close, length: 0, content: `${content}${eol}${containerIndent}` });
      } else {
        const closeLine = lineStart(text, close);
        const content = items.join(`,${eol}`) + tail;
        if (closeLine > open && /^[ \t]*$/.test(text.slice(closeLine, close)))
          edits.push({ offset: closeLine, length: 0, content: `${content}${eol}` });
        else edits.push({ offset: close, length: 0, content: `${eol}${content}${eol}${containerIndent}` });
      }
    }
  }
  const out = applyInOnePass(text, [...mergeDeletions(deletions), ...edits]);
  if (entries.length === 0 || last || fresh.length > 0) return out;
  // Every entry removed: `{⏎  }` becomes `{}` unless comments remain inside.
  const emptied = findNodeAtLocation(parseTree(out, [], PARSE_OPTIONS) as Node, [...key]);
  if (!emptied) return out;
  const inner = out.slice(emptied.offset + 1, emptied.offset + emptied.length - 1);
  if (inner.trim() !== '') return out;
  return `${out.slice(0, emptied.offset + 1)}${out.slice(emptied.offset + emptied.length - 1)}`;
}
