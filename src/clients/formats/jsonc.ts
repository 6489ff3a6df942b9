/**
 * @module clients/formats/jsonc
 * Surgical edits of JSON and JSONC client files with jsonc-parser: only the entries of changed
 * servers are touched; comments, other keys, key order, indentation, trailing commas, the BOM and
 * CRLF line endings stay as they were. Comments and trailing commas are accepted even in files
 * the client calls strict JSON: a file the client wrote is what it is.
 */
import { randomUUID } from 'node:crypto';
import {
  applyEdits,
  type Edit,
  type FormattingOptions,
  findNodeAtLocation,
  format,
  modify,
  type ParseError,
  parse,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
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
  const root: unknown = parse(body, errors, PARSE_OPTIONS);
  const first = errors[0];
  if (first) {
    const name = printParseErrorCode(first.error);
    throw configInvalid(adapter, name, positionOf(body, first.offset), { error: name });
  }
  if (!isPlainObject(root)) throw configInvalid(adapter, 'the top level must be an object', undefined);
  return root;
}

/** The client entries of a JSON/JSONC file by server name. */
export function readJsonServers(text: string, adapter: ClientAdapter): ClientServers {
  const root = parseJsonDocument(splitSource(text).body, adapter);
  const key = containerKey(adapter, root);
  return serversOf(adapter, valueAt(root, key), key);
}

/** The file's indentation: tabs, or the width of the first indented line (2 if none). */
function detectIndent(body: string): Pick<FormattingOptions, 'insertSpaces' | 'tabSize'> {
  const match = /\n([ \t]+)\S/.exec(body);
  const indent = match?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2 };
}

/**
 * The file with its servers container holding exactly `servers` (foreign entries kept). Entries
 * equal to what is already there keep their bytes, so writing the same servers twice is a no-op.
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
  const formattingOptions: FormattingOptions = { ...detectIndent(body), eol };
  let out = body;
  const edit = (name: string, value: unknown) => {
    const path = [...key, name];
    const container = valueAt(parse(out, [], PARSE_OPTIONS), key);
    if (value === undefined || !isPlainObject(container) || Object.keys(container).length === 0) {
      out = applyEdits(out, modify(out, path, value, { formattingOptions }));
      return;
    }
    // jsonc-parser formats whole lines around an insertion, which would re-indent a compact
    // neighbour on the same line; formatting only the inserted text keeps other entries' bytes.
    const edits = modify(out, path, value, {});
    out = applyEdits(out, edits);
    for (const { offset, content } of edits) {
      out = applyEdits(out, format(out, { offset, length: content.length }, formattingOptions));
    }
  };
  for (const name of Object.keys(existing)) {
    if (!Object.hasOwn(servers, name)) edit(name, undefined);
  }
  const fresh: Array<[string, unknown]> = [];
  const changed: Array<[string, unknown]> = [];
  for (const [name, value] of Object.entries(servers)) {
    if (!Object.hasOwn(existing, name)) fresh.push([name, value]);
    else if (!sameValue(existing[name], value)) changed.push([name, value]);
  }
  const replaced = changed.length > 1 ? replaceAll(out, key, changed, formattingOptions) : undefined;
  if (replaced !== undefined) out = replaced;
  else for (const [name, value] of changed) edit(name, value);
  // New entries go at the end, in order, as one insertion: every edit re-parses the whole file,
  // so inserting a thousand entries one by one is quadratic (seconds). A placeholder entry goes in
  // like any single one (commas, position, indentation); its text becomes all the new entries and
  // only that range is formatted.
  if (fresh.length === 1) edit(...(fresh[0] as [string, unknown]));
  else if (fresh.length > 1) {
    const placeholder = JSON.stringify(`mcp-orchestration-insert-${randomUUID()}`);
    edit(JSON.parse(placeholder) as string, 0);
    const from = out.indexOf(placeholder);
    const to = out.indexOf('0', from + placeholder.length) + 1;
    const content = fresh
      .map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`)
      .join(', ');
    out = `${out.slice(0, from)}${content}${out.slice(to)}`;
    out = applyInOnePass(out, format(out, { offset: from, length: content.length }, formattingOptions));
  }
  return out === body ? text : `${bom}${out}`;
}

/**
 * jsonc-parser's `applyEdits` re-slices the whole text once per edit; formatting a thousand
 * entries yields tens of thousands of edits. Non-overlapping edits apply in one pass instead.
 */
function applyInOnePass(text: string, edits: Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Replaces the values of several existing entries at once, each in place and formatted like a
 * single edit. Undefined when formatting one would touch the lines of another (entries sharing a
 * line in a compact file): the caller then edits them one by one.
 */
function replaceAll(
  text: string,
  key: readonly string[],
  entries: Array<[string, unknown]>,
  formattingOptions: FormattingOptions,
): string | undefined {
  const tree = parseTree(text, [], PARSE_OPTIONS);
  if (!tree) return undefined;
  const values: Edit[] = [];
  for (const [name, value] of entries) {
    const node = findNodeAtLocation(tree, [...key, name]);
    if (!node) return undefined;
    values.push({ offset: node.offset, length: node.length, content: JSON.stringify(value) });
  }
  values.sort((a, b) => a.offset - b.offset);
  const ranges: Array<{ offset: number; length: number }> = [];
  let shift = 0;
  for (const v of values) {
    ranges.push({ offset: v.offset + shift, length: v.content.length });
    shift += v.content.length - v.length;
  }
  const next = applyInOnePass(text, values);
  const formatting = ranges.flatMap((range) => format(next, range, formattingOptions));
  formatting.sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < formatting.length; i++) {
    const prev = formatting[i - 1] as Edit;
    if ((formatting[i] as Edit).offset < prev.offset + prev.length) return undefined;
  }
  return applyInOnePass(next, formatting);
}
