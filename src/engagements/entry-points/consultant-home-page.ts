import { Router } from 'express';
import type { Authenticator } from '../../access/index.ts';
import type { NavLink, PageKit } from '../../web/index.ts';
import type { EngagementsContext } from '../domain/context.ts';
import { listEngagements } from '../domain/manage-engagements.ts';
import { consultantIdOf } from './engagement-routes.ts';

/** Where a consultant lands after signing in. */
export const CONSULTANT_HOME_PATH = '/consultant';

/** The consultant's navigation; the consultant pages add their links here. */
export function consultantNav(current: string): NavLink[] {
  return [{ href: CONSULTANT_HOME_PATH, label: 'Engagements', current: current === CONSULTANT_HOME_PATH }];
}

/** `GET /consultant`: the consultant's engagements (a first home; the consultant pages build on it). */
export function consultantHomePage(ctx: EngagementsContext, deps: { pages: PageKit; auth: Authenticator }): Router {
  const router = Router();
  router.get(CONSULTANT_HOME_PATH, deps.auth.requireConsultant, async (req, res) => {
    const engagements = await listEngagements(ctx, consultantIdOf(res));
    deps.pages.render(req, res, 'engagements/consultant-home', {
      title: 'Your engagements',
      nav: consultantNav(CONSULTANT_HOME_PATH),
      engagements: engagements.map((e) => ({ ...e, departmentList: e.departments.join(', '), created: e.createdAt.slice(0, 10) })),
    });
  });
  return router;
}
