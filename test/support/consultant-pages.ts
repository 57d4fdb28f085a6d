import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'chai';
import { csrfTokenIn } from './page-builders.ts';

/** A browser-like consultant session for the page tests: a cookie-keeping agent and its form token. */
export interface ConsultantSession {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** POSTs a url-encoded form with the session's CSRF token, as the pages' forms do. */
  post(path: string, fields?: Record<string, string | string[]>): Promise<request.Response>;
}

/** Signs in on `/sign-in` with a consultant token and reads the form token from the consultant home. */
export async function signInConsultant(app: Express, token: string): Promise<ConsultantSession> {
  const agent = request.agent(app);
  const form = await agent.get('/sign-in');
  const signedIn = await agent.post('/sign-in').type('form').send({ _csrf: csrfTokenIn(form.text), token });
  expect(signedIn.status, signedIn.text).to.equal(303);
  const home = await agent.get('/consultant');
  expect(home.status, home.text).to.equal(200);
  const csrf = csrfTokenIn(home.text);
  return {
    agent,
    csrf,
    post: (path, fields = {}) => agent.post(path).type('form').send({ _csrf: csrf, ...fields }),
  };
}

/** The text of the error summary's links on a page, in order. */
export function errorSummaryOf(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => `${m[1]} ${m[2].trim()}`);
}

/** The page's <title>. */
export function titleOf(html: string): string {
  return /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
}
