import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'chai';
import { addPeople, buildPersonInput, createEngagement, type AddedPerson } from './intake-builders.ts';

/** Builders for the page tests: a small team on a fresh engagement, and a browser-like signed-in agent. */

/** A manager and one participant reporting to them (both in Finance), with their personal tokens. */
export async function buildTeam(app: Express, adminToken: string): Promise<{ engagementId: string; manager: AddedPerson; participant: AddedPerson }> {
  const engagement = await createEngagement(app, adminToken);
  const [manager] = await addPeople(app, adminToken, engagement.id, [buildPersonInput({ name: 'Maria Manager', department: 'Finance', roleLevel: 'manager' })]);
  const [participant] = await addPeople(app, adminToken, engagement.id, [
    buildPersonInput({ name: 'Paul Participant', department: 'Finance', roleLevel: 'contributor', managerEmail: manager.email }),
  ]);
  return { engagementId: engagement.id, manager, participant };
}

/** A cookie-keeping agent signed in through the personal link, as a browser would be. */
export async function signInWithLink(app: Express, token: string): Promise<ReturnType<typeof request.agent>> {
  const agent = request.agent(app);
  const res = await agent.get(`/i/${token}`);
  expect(res.status, res.text).to.equal(303);
  return agent;
}

/** The CSRF token of the first form on a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF field on this page');
  return match[1];
}

/** The value of a hidden field on a page. */
export function hiddenValueIn(html: string, name: string): string {
  const match = new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`No field ${name} on this page`);
  return match[1];
}

/** A Set-Cookie header of a response, by cookie name. */
export function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  return cookies.find((c) => c.startsWith(`${name}=`));
}
