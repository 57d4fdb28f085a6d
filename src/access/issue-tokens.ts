import type { ClientSession, Connection } from 'mongoose';
import { insertCredential, insertCredentials, revokeCredentials } from './credential-repository.ts';
import { generateToken, hashToken } from './token-secrets.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A token as handed out: the secret (shown once) and when it stops working. */
export interface IssuedToken {
  token: string;
  expiresAt?: Date;
}

/** Issues a person's invitation token, valid for `ttlDays`, inside the caller's transaction. */
export async function issuePersonToken(
  connection: Connection,
  session: ClientSession | undefined,
  person: { personId: string; engagementId: string },
  ttlDays: number,
  now: Date,
): Promise<IssuedToken & { expiresAt: Date }> {
  const [issued] = await issuePersonTokens(connection, session, [person], ttlDays, now);
  return issued;
}

/** One invitation token per person, in the people's order, written at once (a roster upload invites thousands). */
export async function issuePersonTokens(
  connection: Connection,
  session: ClientSession | undefined,
  people: ReadonlyArray<{ personId: string; engagementId: string }>,
  ttlDays: number,
  now: Date,
): Promise<Array<IssuedToken & { expiresAt: Date }>> {
  const expiresAt = new Date(now.getTime() + ttlDays * DAY_MS);
  const tokens = people.map(() => generateToken());
  await insertCredentials(
    connection,
    people.map((person, i) => ({ kind: 'person', subjectId: person.personId, engagementId: person.engagementId, tokenHash: hashToken(tokens[i]), purpose: 'invite', expiresAt })),
    session,
  );
  return tokens.map((token) => ({ token, expiresAt }));
}

/** Issues a consultant's token. Consultant tokens do not expire; they are revoked instead. */
export async function issueConsultantToken(connection: Connection, session: ClientSession | undefined, consultantId: string): Promise<IssuedToken> {
  const token = generateToken();
  await insertCredential(connection, { kind: 'consultant', subjectId: consultantId, tokenHash: hashToken(token), purpose: 'api' }, session);
  return { token };
}

/** Revokes every live token of a person or consultant. */
export async function revokeTokens(connection: Connection, session: ClientSession | undefined, subjectId: string, now: Date): Promise<number> {
  return revokeCredentials(connection, subjectId, now, session);
}
