import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers while the service is still loading (catalogues, templates, the database): the process is
 * up, so `/healthz` says so, and everything else — `/readyz` included — is a 503 to retry shortly.
 * Deliberately free of express and the components, so it can listen before they are loaded.
 */
export function bootingResponder(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'starting' }));
    return;
  }
  const problem = {
    type: 'https://tailor.example/problems/starting-up',
    title: 'Service Unavailable',
    status: 503,
    detail: 'Tailor is starting; try again in a moment.',
    instance: req.url,
    code: 'starting-up',
  };
  res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '2' }).end(JSON.stringify(problem));
}
