import { Router, type Response } from 'express';
import { actorOf, type Authenticator } from '../../access/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { NavLink, PageKit } from '../../web/index.ts';
import { BRIEF_PAGE_PATH } from '../domain/brief-mail.ts';
import { renderCurriculumIcs } from '../domain/render-curriculum-ics.ts';
import type { CurriculumContext } from '../use-cases/context.ts';
import { findMyBrief, getMyBrief, type BriefSubject } from '../use-cases/get-my-brief.ts';
import { briefPageModel } from './brief-page-model.ts';

/** `GET /api/v1/me/brief` and `…/brief.ics`: a person's own brief and calendar (person token or session). */
export function briefRoutes(ctx: CurriculumContext, deps: { auth: Authenticator }): Router {
  const router = Router();
  const person = deps.auth.requirePerson;

  router.get('/api/v1/me/brief', person, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await getMyBrief(ctx, subjectOf(res)));
  });
  router.get('/api/v1/me/brief.ics', person, async (_req, res) => {
    const { brief, curriculum } = await findMyBrief(ctx, subjectOf(res));
    const ics = renderCurriculumIcs(curriculum.document, { cohortIds: brief.cohortId ? [brief.cohortId] : [] });
    res.set('Cache-Control', 'no-store').attachment(`training-sessions-v${brief.curriculumVersion}.ics`).type('text/calendar; charset=utf-8').send(ics);
  });
  return router;
}

/** `GET /brief`: the brief as a page, for a person signed in with their link (the session cookie). */
export function briefPages(ctx: CurriculumContext, deps: { auth: Authenticator; pages: PageKit }): Router {
  const router = Router();
  router.get(BRIEF_PAGE_PATH, deps.auth.requirePerson, async (req, res) => {
    const subject = subjectOf(res);
    const nav = await personNav(ctx, subject);
    try {
      const brief = await getMyBrief(ctx, subject);
      deps.pages.render(req, res, 'curriculum/brief', { ...briefPageModel(brief), nav });
    } catch (error) {
      // Not published yet is an ordinary state of the programme, not an error page.
      if (!(error instanceof AppError && error.code === 'curriculum-not-published')) throw error;
      deps.pages.render(req, res, 'curriculum/brief-not-published', { title: 'Your AI training brief', nav });
    }
  });
  return router;
}

async function personNav(ctx: CurriculumContext, subject: BriefSubject): Promise<NavLink[]> {
  const links: NavLink[] = [{ href: '/me/intake', label: 'Your answers' }, { href: BRIEF_PAGE_PATH, label: 'Your brief', current: true }];
  const person = await ctx.engagements.findPerson(subject.engagementId, subject.personId);
  if (person && (await ctx.engagements.isManager(subject.engagementId, person.email))) links.unshift({ href: '/me/reports', label: 'Your team' });
  return links;
}

function subjectOf(res: Response): BriefSubject {
  const actor = actorOf(res);
  if (actor.kind !== 'person') throw new Error('brief routes: requirePerson is missing');
  return { engagementId: actor.engagementId, personId: actor.personId };
}
