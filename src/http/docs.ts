/**
 * @module http/docs
 * The `/docs` page: an API reference rendered on the server from the OpenAPI document. No scripts
 * and nothing from a CDN, so it works offline and under a strict Content-Security-Policy.
 */

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: unknown;
  }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
const anchor = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '-');

function schemaLink(schema: unknown): string {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? ref;
    return `<a href="#schema-${anchor(name)}">${escapeHtml(name)}</a>`;
  }
  return schema === undefined ? '' : `<details><summary>schema</summary>${json(schema)}</details>`;
}

function renderOperation(path: string, method: string, op: OpenApiOperation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
    )
    .join('');
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]) =>
        `<tr><td>${escapeHtml(status)}</td><td>${escapeHtml(r.description ?? '')}</td><td>${schemaLink(r.content?.['application/json']?.schema)}</td></tr>`,
    )
    .join('');
  return `<section class="op" id="${anchor(op.operationId ?? `${method}-${path}`)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th></th></tr>${params}</table>` : ''}
${body === undefined ? '' : `<p>JSON body${op.requestBody?.required ? '' : ' (optional)'}: ${schemaLink(body)}</p>`}
<table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responses}</table>
</section>`;
}

/**
 * Renders the whole reference page.
 * @example c.html(renderDocsPage(app.getOpenAPI31Document(config)))
 */
export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  const index: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(path, method, op)]);
      index.push(
        `<li><a href="#${anchor(op.operationId ?? `${method}-${path}`)}"><span class="m ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
      );
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>${ops.join('\n')}`).join('\n');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<section id="schema-${anchor(name)}"><h3>${escapeHtml(name)}</h3>${json(schema)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}: API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.5rem;overflow:auto}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
.op{border-top:1px solid #ddd;padding:.5rem 0}.m{font-weight:700;font-family:ui-monospace,monospace}
.get{color:#0a6}.post{color:#06c}.delete{color:#c30}ul.index{columns:2;list-style:none;padding:0}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
${doc.info.description ? `<p>${escapeHtml(doc.info.description)}</p>` : ''}
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with
<code>Authorization: Bearer &lt;token&gt;</code> or <code>X-API-Key: &lt;token&gt;</code>; create a token with
<code>mcp-orchestration token create</code>.</p>
<ul class="index">${index.join('')}</ul>
${sections}
<h2>Schemas</h2>
${schemas}
</body></html>
`;
}
