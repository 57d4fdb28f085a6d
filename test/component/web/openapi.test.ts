import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
}

/** Every (method, path) the app mounts, found by walking Express's router stack (not a hand-kept list). */
function mountedRoutes(app: Express): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) found.push({ method, path: prefix + path });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

describe('GET /api/v1/openapi.json', () => {
  const db = useTestDatabase('web_openapi');
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>; components: { schemas: Record<string, unknown> } };

  before(async () => {
    t = buildTestApp(db.connection);
    doc = (await request(t.app).get('/api/v1/openapi.json')).body;
  });

  it('when fetched, then it is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(Object.keys(doc.paths).length).to.be.greaterThan(10);
  });

  it('when every route the app mounts is looked up in the document, then each API route is described with its method', () => {
    const routes = mountedRoutes(t.app).filter((r) => r.path.startsWith('/api/') || r.path === '/healthz' || r.path === '/readyz');
    expect(routes.length).to.be.greaterThan(20);

    const missing = routes.filter((r) => !doc.paths[toOpenApiPath(r.path)]?.[r.method]).map((r) => `${r.method.toUpperCase()} ${r.path}`);

    expect(missing).to.deep.equal([]);
  });

  it('when a request body is described, then it points at the schemas/ file the route validates with', () => {
    const body = doc.paths['/api/v1/me/intake'].put.requestBody!.content['application/json'].schema;
    const roster = doc.paths['/api/v1/engagements/{engagementId}/people'].post.requestBody!.content;

    expect(body.$ref).to.equal('#/components/schemas/intake-draft');
    expect(roster).to.have.keys(['application/json', 'text/csv']);
    expect(doc.components.schemas).to.include.keys(['intake-draft', 'question-bank', 'people-add', 'manager-review', 'engagement-create']);
  });

  it('when a route accepts a request without a body (publishing a curriculum, submitting an intake), then its request body is not marked required', () => {
    const optional = [
      doc.paths['/api/v1/engagements/{engagementId}/curriculum/publish'].post,
      doc.paths['/api/v1/me/intake/submit'].post,
      doc.paths['/api/v1/engagements/{engagementId}/people/{personId}/intake/submit'].post,
    ].map((op) => (op.requestBody as { required?: boolean }).required);
    const draft = doc.paths['/api/v1/me/intake'].put.requestBody as { required?: boolean };

    expect(optional).to.deep.equal([false, false, false]);
    expect(draft.required).to.equal(true);
  });

  it('when references inside components are followed, then each resolves within the document', () => {
    const refs: string[] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === '$ref' && typeof inner === 'string') refs.push(inner);
          else collect(inner);
        }
      }
    };
    collect(doc);

    const unresolved = refs.filter((ref) => {
      let node: unknown = doc;
      for (const step of ref.replace(/^#\//, '').split('/')) node = (node as Record<string, unknown> | undefined)?.[step.replace(/~1/g, '/').replace(/~0/g, '~')];
      return node === undefined;
    });

    expect(refs.length).to.be.greaterThan(10);
    expect(unresolved).to.deep.equal([]);
  });
});
