import { Router, type Request, type Response } from 'express';
import { ROLE_LEVELS, type AddPeopleResult, type Engagement, type RoleLevel } from '../../engagements/index.ts';
import { NotFoundError, UnprocessableError, ValidationError, type FieldProblem } from '../../platform/errors.ts';
import { toFieldProblems } from '../../platform/validation.ts';
import { textOf, type FormProblem } from '../domain/form-body.ts';
import { renderOverview, type PersonFormValues } from './engagement-page.ts';
import { consultantIdOf, engagementPath, ownEngagement, renderEngagementPage, type ConsultantPagesDeps } from './page-context.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PERSON = '/consultant/engagements/:engagementId/people/:personId';
const EMAIL_MESSAGES: Record<string, string> = {
  email: 'Enter an e-mail address such as ana@example.org.',
  managerEmail: 'Enter the manager\'s e-mail address, or leave it empty.',
};

/** The roster forms: add a person, upload a CSV, issue a new link, erase someone (after a confirmation page). */
export function rosterPages(deps: ConsultantPagesDeps): Router {
  const router = Router();
  const consultant = deps.auth.requireConsultant;

  router.post('/consultant/engagements/:engagementId/people', consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const person = readPerson(req.body ?? {});
    const entry = { name: person.name, email: person.email, department: person.department, roleLevel: person.roleLevel as RoleLevel, ...(person.managerEmail ? { managerEmail: person.managerEmail } : {}) };
    const problems = checkPerson(person, engagement);
    // The roster's own schema as well (the API's and the CSV's): an address its e-mail format refuses must not get in through the form.
    const fitsRoster = deps.schemas.validator('people-add');
    if (problems.length === 0 && !fitsRoster({ people: [entry] })) problems.push(...toFieldProblems(fitsRoster.errors).map(personFieldOf));
    if (problems.length > 0) return renderOverview(deps, req, res, engagement, { person, problems, status: 422 });
    try {
      await showAdded(deps, req, res, engagement, await deps.engagements.addPeople(consultantIdOf(res), engagement.id, [entry]));
    } catch (error) {
      if (!(error instanceof UnprocessableError)) throw error;
      await renderOverview(deps, req, res, engagement, { person, problems: error.errors.map(personFieldOf), status: 422 });
    }
  });

  router.post('/consultant/engagements/:engagementId/people/upload', consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const file = (req.files as Express.Multer.File[] | undefined)?.find((f) => f.fieldname === 'roster');
    if (!file || file.size === 0) {
      return renderOverview(deps, req, res, engagement, { problems: [{ field: 'roster-file', message: 'Choose a CSV file to upload.' }], status: 422 });
    }
    try {
      await showAdded(deps, req, res, engagement, await deps.engagements.addPeopleFromCsv(consultantIdOf(res), engagement.id, file.buffer));
    } catch (error) {
      // A file that is not UTF-8 (400 csv-not-utf8, its message says how to save it), bad lines (400 csv-invalid)
      // and broken rules (422 roster-invalid, listed by line) are shown beside the file field; nothing was added.
      if (!(error instanceof ValidationError || error instanceof UnprocessableError)) throw error;
      const problems = error.errors.map((p) => ({ field: 'roster-file', message: p.message }));
      await renderOverview(deps, req, res, engagement, { problems: problems.length > 0 ? problems : [{ field: 'roster-file', message: error.message }], status: 422 });
    }
  });

  router.post(`${PERSON}/link`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const person = await deps.engagements.getOwnPerson(consultantIdOf(res), engagement.id, String(req.params.personId));
    const issued = await deps.engagements.reissueInvite(consultantIdOf(res), engagement.id, person.id);
    await renderOverview(deps, req, res, engagement, {
      notice: { kind: 'success', message: `${person.name} has a new personal link; their older links no longer work. The invitation with it is in the outbox.` },
      links: [{ name: person.name, url: issued.inviteUrl, expiresOn: issued.expiresAt.slice(0, 10) }],
    });
  });

  router.get(`${PERSON}/erase`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    const person = await personOnRoster(deps, res, engagement, String(req.params.personId));
    if (!person) return res.redirect(303, `${engagementPath(engagement.id)}?done=not-on-roster`);
    renderEngagementPage(deps, req, res, { view: 'consultant/erase-person', tab: 'overview', heading: `Erase ${person.name}?`, engagement }, {
      person,
      action: engagementPath(engagement.id, `/people/${person.id}/erase`),
      back: engagementPath(engagement.id),
    });
  });

  router.post(`${PERSON}/erase`, consultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    try {
      await deps.engagements.erasePerson(consultantIdOf(res), engagement.id, String(req.params.personId));
    } catch (error) {
      // Sent again (a double click, Back to the confirmation): they are already gone, which is what was asked.
      if (!isNotOnRoster(error)) throw error;
      return res.redirect(303, `${engagementPath(engagement.id)}?done=not-on-roster`);
    }
    res.redirect(303, `${engagementPath(engagement.id)}?done=erased`);
  });
  return router;
}

/** The person, or undefined when they are not (or no longer) on this engagement's roster. */
async function personOnRoster(deps: ConsultantPagesDeps, res: Response, engagement: Engagement, personId: string) {
  try {
    return await deps.engagements.getOwnPerson(consultantIdOf(res), engagement.id, personId);
  } catch (error) {
    if (isNotOnRoster(error)) return undefined;
    throw error;
  }
}

function isNotOnRoster(error: unknown): boolean {
  return error instanceof NotFoundError && error.code === 'person-not-found';
}

/** The people just added with their links (shown once), and the manager warnings of the upload. */
async function showAdded(deps: ConsultantPagesDeps, req: Request, res: Response, engagement: Engagement, result: AddPeopleResult): Promise<void> {
  const created = result.people.filter((p) => p.created);
  const updated = result.people.filter((p) => !p.created && p.changed).length;
  const unchanged = result.people.filter((p) => !p.changed).length;
  const parts = [
    created.length > 0 ? `${created.length} added and invited` : '',
    updated > 0 ? `${updated} already on the roster updated` : '',
    unchanged > 0 ? `${unchanged} already on the roster as sent, left as they were` : '',
  ].filter(Boolean);
  await renderOverview(deps, req, res, engagement, {
    notice: { kind: 'success', message: `${parts.join(', ')}.` },
    warnings: result.warnings.map((w) => w.message),
    links: created.map((p) => ({ name: p.name, url: p.inviteUrl ?? '', expiresOn: (p.expiresAt ?? '').slice(0, 10) })),
  });
}

function readPerson(body: Record<string, unknown>): PersonFormValues {
  return {
    name: textOf(body, 'name'),
    email: textOf(body, 'email'),
    department: textOf(body, 'department'),
    roleLevel: textOf(body, 'roleLevel'),
    managerEmail: textOf(body, 'managerEmail'),
  };
}

function checkPerson(person: PersonFormValues, engagement: Engagement): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!person.name) problems.push({ field: 'person-name', message: 'Enter the person\'s name.' });
  else if (person.name.length > 200) problems.push({ field: 'person-name', message: 'Keep the name to 200 characters.' });
  if (!EMAIL.test(person.email) || person.email.length > 254) problems.push({ field: 'person-email', message: EMAIL_MESSAGES.email });
  if (!engagement.departments.includes(person.department)) problems.push({ field: 'person-department', message: 'Choose one of the engagement\'s departments.' });
  if (!ROLE_LEVELS.includes(person.roleLevel as RoleLevel)) problems.push({ field: 'person-role', message: 'Choose a role level.' });
  if (person.managerEmail && (!EMAIL.test(person.managerEmail) || person.managerEmail.length > 254)) problems.push({ field: 'person-manager', message: EMAIL_MESSAGES.managerEmail });
  return problems;
}

/** The roster rules and schema point into `/people/0/<field>`; the form has one person. */
function personFieldOf(problem: FieldProblem): FormProblem {
  const field = /\/people\/\d+\/(\w+)/.exec(problem.pointer ?? '')?.[1];
  const ids: Record<string, string> = { name: 'person-name', email: 'person-email', department: 'person-department', roleLevel: 'person-role', managerEmail: 'person-manager' };
  // The schema's format message is written for programmers; an address it refuses gets the form's own sentence.
  const message = /format "email"/.test(problem.message) ? EMAIL_MESSAGES[field ?? ''] ?? problem.message : problem.message;
  return { field: ids[field ?? ''] ?? 'person-email', message };
}
