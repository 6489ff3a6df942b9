/**
 * A stand-in for a team hub that serves whatever artifact a test gives it, so the member's own
 * checks (pinned keys, downgrade guard, the profile asked for) meet artifacts a real hub would
 * refuse to serve. It answers like `serve` does (src/http/routes/config.ts, src/http/route.ts):
 * the head as JSON with its artifact id as a quoted ETag, an empty 304 when `If-None-Match`
 * carries that tag, and 201 with the stored report for `POST /v1/fleet/reports`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubHub {
  url: string;
  /** What `GET /v1/config/{client}/{profile}` answers with next (any JSON: it need not verify). */
  serve(artifact: { artifact_id: string } & Record<string, unknown>): void;
  /** Every fleet report received, in order. */
  reports: Array<Record<string, unknown>>;
  /** Every request, with the `If-None-Match` it carried. */
  requests: Array<{ method: string; url: string; if_none_match: string | undefined }>;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
};

export async function startStubHub(): Promise<StubHub> {
  let head: ({ artifact_id: string } & Record<string, unknown>) | undefined;
  const reports: Array<Record<string, unknown>> = [];
  const requests: StubHub['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      if_none_match: req.headers['if-none-match'],
    });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url?.startsWith('/v1/config/')) {
      if (!head) return json(404, { error: { code: 'PROFILE_NOT_FOUND', message: 'Nothing published.' } });
      const tag = `"${head.artifact_id}"`;
      const presented = req.headers['if-none-match'];
      if (presented?.split(',').some((t) => t.trim() === tag)) {
        res.writeHead(304, { ETag: tag });
        return res.end();
      }
      return json(200, head, { ETag: tag });
    }
    if (req.method === 'POST' && req.url === '/v1/fleet/reports') {
      const report = JSON.parse(await readBody(req)) as Record<string, unknown>;
      reports.push(report);
      return json(201, { ...report, reported_at: new Date().toISOString() });
    }
    json(404, { error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}.` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve: (artifact) => {
      head = artifact;
    },
    reports,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
