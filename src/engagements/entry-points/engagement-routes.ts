import { Router, type Request } from 'express';
import type { Authenticator } from '../../access/index.ts';
import { consultantIdOf } from '../../access/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import type { EngagementsContext } from '../domain/context.ts';
import { getEngagementStatus } from '../domain/engagement-status.ts';
import { answersCsv, exportEngagement, tasksCsv } from '../domain/export-engagement.ts';
import { changeEngagement, createEngagement, getOwnEngagement, listEngagements, type EngagementInput } from '../domain/manage-engagements.ts';

/** A named path parameter (Express 5 types them loosely because of wildcards). */
export function param(req: Request, name: string): string {
  return String(req.params[name]);
}

/** Engagements: create, list, read, change, completion status and export (consultants only, their own). */
export function engagementRoutes(ctx: EngagementsContext, deps: { schemas: SchemaRegistry; auth: Authenticator }): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.post('/api/v1/engagements', consultant, deps.schemas.validateBody('engagement-create'), async (req, res) => {
    const creationKey = idempotencyKeyOf(req);
    const engagement = await createEngagement(ctx, consultantIdOf(res), req.body as EngagementInput, creationKey ? { creationKey } : {});
    res.status(201).location(`/api/v1/engagements/${engagement.id}`).json(withoutOwner(engagement));
  });
  router.get('/api/v1/engagements', consultant, async (_req, res) => {
    res.json({ engagements: (await listEngagements(ctx, consultantIdOf(res))).map(withoutOwner) });
  });
  router.get('/api/v1/engagements/:engagementId', consultant, async (req, res) => {
    res.json(withoutOwner(await getOwnEngagement(ctx, consultantIdOf(res), param(req, 'engagementId'))));
  });
  router.patch('/api/v1/engagements/:engagementId', consultant, deps.schemas.validateBody('engagement-update'), async (req, res) => {
    res.json(withoutOwner(await changeEngagement(ctx, consultantIdOf(res), param(req, 'engagementId'), req.body as Partial<EngagementInput>)));
  });
  router.get('/api/v1/engagements/:engagementId/status', consultant, async (req, res) => {
    res.json(await getEngagementStatus(ctx, consultantIdOf(res), param(req, 'engagementId')));
  });
  router.get('/api/v1/engagements/:engagementId/export', consultant, async (req, res) => {
    const { format, part, bom } = exportQuery(req);
    const data = await exportEngagement(ctx, consultantIdOf(res), param(req, 'engagementId'));
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') {
      res.json(data);
      return;
    }
    const csv = part === 'tasks' ? tasksCsv(data) : answersCsv(data);
    res.attachment(`engagement-${data.engagement.id}-${part}.csv`).type('text/csv; charset=utf-8').send(bom ? `\uFEFF${csv}` : csv);
  });
  return router;
}

function exportQuery(req: Request): { format: 'json' | 'csv'; part: 'answers' | 'tasks'; bom: boolean } {
  const format = req.query.format ?? 'json';
  const part = req.query.part ?? 'answers';
  const bom = req.query.bom ?? 'false';
  const problems = [];
  if (format !== 'json' && format !== 'csv') problems.push({ pointer: '/query/format', message: 'must be "json" or "csv"' });
  if (part !== 'answers' && part !== 'tasks') problems.push({ pointer: '/query/part', message: 'must be "answers" or "tasks"' });
  if (bom !== 'true' && bom !== 'false') problems.push({ pointer: '/query/bom', message: 'must be "true" or "false"' });
  if (problems.length) throw new ValidationError('The query is not valid.', problems);
  return { format: format as 'json' | 'csv', part: part as 'answers' | 'tasks', bom: bom === 'true' };
}

/**
 * The `Idempotency-Key` a client may send with a creation, so that retrying it after a lost answer opens
 * nothing new: the retry is answered with the engagement the first attempt opened.
 */
function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new ValidationError('The Idempotency-Key header is not valid.', [{ pointer: '/headers/idempotency-key', message: 'must be 8 to 128 letters, digits or - _ . :' }]);
  }
  return key;
}

function withoutOwner<T extends { consultantId: string }>(engagement: T): Omit<T, 'consultantId'> {
  const { consultantId: _owner, ...rest } = engagement;
  return rest;
}
