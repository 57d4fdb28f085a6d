import { MIMEType } from 'node:util';
import express, { Router, type Request } from 'express';
import type { Authenticator } from '../../access/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import { addPeople } from '../domain/add-people.ts';
import type { EngagementsContext } from '../domain/context.ts';
import { decodeRosterCsv } from '../domain/decode-roster-csv.ts';
import { erasePerson } from '../domain/erase-person.ts';
import { reissueInvite, revokeInvite } from '../domain/invite-links.ts';
import { readRosterCsv, type RosterUpload } from '../domain/read-roster-csv.ts';
import type { RosterEntry } from '../domain/roster-rules.ts';
import { listRosterWithStages } from '../domain/list-roster.ts';
import { consultantIdOf } from '../../access/index.ts';
import { param } from './engagement-routes.ts';

/** The roster of an engagement: add (JSON or CSV), list, erase, and personal links. */
export function peopleRoutes(ctx: EngagementsContext, deps: { schemas: SchemaRegistry; auth: Authenticator; bodyLimit: string }): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;
  // Raw bytes, decoded strictly below: express.text would turn bytes that are not UTF-8 into U+FFFD without a word.
  const csvBody = express.raw({ type: ['text/csv', 'application/csv'], limit: deps.bodyLimit });

  router.post('/api/v1/engagements/:engagementId/people', consultant, csvBody, async (req, res) => {
    const { entries, locate, keepManagers } = req.is(['text/csv', 'application/csv']) ? rosterFromCsv(req, deps.schemas) : rosterFromJson(req, deps.schemas);
    const result = await addPeople(ctx, consultantIdOf(res), param(req, 'engagementId'), entries, locate, { keepManagers });
    res.status(201).json(result);
  });

  router.get('/api/v1/engagements/:engagementId/people', consultant, async (req, res) => {
    res.json({ people: await listRosterWithStages(ctx, consultantIdOf(res), param(req, 'engagementId')) });
  });

  router.delete('/api/v1/engagements/:engagementId/people/:personId', consultant, async (req, res) => {
    await erasePerson(ctx, consultantIdOf(res), param(req, 'engagementId'), param(req, 'personId'));
    res.status(204).end();
  });

  router.post('/api/v1/engagements/:engagementId/people/:personId/token', consultant, async (req, res) => {
    res.status(201).json(await reissueInvite(ctx, consultantIdOf(res), param(req, 'engagementId'), param(req, 'personId')));
  });

  router.delete('/api/v1/engagements/:engagementId/people/:personId/token', consultant, async (req, res) => {
    await revokeInvite(ctx, consultantIdOf(res), param(req, 'engagementId'), param(req, 'personId'));
    res.status(204).end();
  });
  return router;
}

function rosterFromJson(req: Request, schemas: SchemaRegistry): RosterUpload {
  if (!req.is('application/json')) {
    throw new AppError(415, 'unsupported-media-type', 'Send the people as application/json or text/csv.');
  }
  const body = schemas.assert<{ people: RosterEntry[] }>('people-add', req.body);
  return { entries: body.people, locate: (i) => ({ pointer: `/people/${i}` }), keepManagers: false };
}

/** CSV rows are checked with the same `people-add` schema as JSON; every problem is reported by its line. */
function rosterFromCsv(req: Request, schemas: SchemaRegistry): RosterUpload {
  const bytes = Buffer.isBuffer(req.body) ? req.body : new Uint8Array();
  return readRosterCsv(decodeRosterCsv(bytes, declaredCharset(req)), schemas);
}

/** The `charset` parameter of the Content-Type, if any (the type itself was already matched by `req.is`). */
function declaredCharset(req: Request): string | undefined {
  try {
    return new MIMEType(req.get('content-type') ?? '').params.get('charset') ?? undefined;
  } catch (error) {
    throw new AppError(415, 'unsupported-media-type', 'The Content-Type header cannot be read; send text/csv; charset=utf-8.', {}, { cause: error });
  }
}
