import { Router, type Request, type RequestHandler } from 'express';
import { consultantIdOf, type Authenticator } from '../../access/index.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import { versionQuery } from '../../web/index.ts';
import { renderCurriculumIcs } from '../domain/render-curriculum-ics.ts';
import type { CurriculumContext } from '../use-cases/context.ts';
import { generateCurriculum } from '../use-cases/generate-curriculum.ts';
import { getCurriculum, getCurriculumOfEngagement, listVersions } from '../use-cases/get-curriculum.ts';
import { publishCurriculum, type PublishInput } from '../use-cases/publish-curriculum.ts';
import type { CurriculumDocumentRenderer } from './curriculum-document.ts';

export const CURRICULUM_PATH = '/api/v1/engagements/:engagementId/curriculum';

/**
 * The consultant's curriculum routes, on their own engagements only (anyone else's is a 404).
 * The downloads sit behind the same guard as the JSON: a consultant's bearer token, or the browser
 * session the pages sign in with, since the auth middleware reads either.
 */
export function curriculumRoutes(ctx: CurriculumContext, deps: { schemas: SchemaRegistry; auth: Authenticator; documents: CurriculumDocumentRenderer }): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.post(CURRICULUM_PATH, consultant, async (req, res) => {
    const view = await generateCurriculum(ctx, consultantIdOf(res), engagementIdOf(req));
    res.status(201).location(`/api/v1/engagements/${view.engagementId}/curriculum?version=${view.version}`).json(view);
  });
  router.get(CURRICULUM_PATH, consultant, async (req, res) => {
    res.json(await getCurriculum(ctx, consultantIdOf(res), engagementIdOf(req), versionQuery(req)));
  });
  router.get(`${CURRICULUM_PATH}/versions`, consultant, async (req, res) => {
    res.json({ versions: await listVersions(ctx, consultantIdOf(res), engagementIdOf(req)) });
  });
  router.post(`${CURRICULUM_PATH}/publish`, consultant, emptyBodyAsObject, deps.schemas.validateBody('curriculum-publish'), async (req, res) => {
    res.json(await publishCurriculum(ctx, consultantIdOf(res), engagementIdOf(req), req.body as PublishInput));
  });
  router.get(`${CURRICULUM_PATH}.html`, consultant, async (req, res) => {
    const { view, engagement } = await getCurriculumOfEngagement(ctx, consultantIdOf(res), engagementIdOf(req), versionQuery(req));
    const { html, contentSecurityPolicy } = deps.documents.render(view, engagement);
    // The document carries its own stylesheet (it is printed and saved as one file), allowed by hash.
    res.set({ 'Content-Security-Policy': contentSecurityPolicy, 'Cache-Control': 'no-store' }).type('html').send(html);
  });
  router.get(`${CURRICULUM_PATH}.ics`, consultant, async (req, res) => {
    const view = await getCurriculum(ctx, consultantIdOf(res), engagementIdOf(req), versionQuery(req));
    res.set('Cache-Control', 'no-store').attachment(`curriculum-${view.engagementId}-v${view.version}.ics`).type('text/calendar; charset=utf-8').send(renderCurriculumIcs(view));
  });
  return router;
}

/**
 * `POST …/publish` may come without a body: that means "the latest version". A body the JSON parser
 * did not read (text/plain, fetch's default for a string) is left undefined for the schema to refuse:
 * read as "no body" it would drop the stated version and publish, and mail, a version nobody reviewed.
 */
const emptyBodyAsObject: RequestHandler = (req, _res, next) => {
  if (req.body === undefined && !hasBody(req)) req.body = {};
  next();
};

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function engagementIdOf(req: Request): string {
  return String(req.params.engagementId);
}

