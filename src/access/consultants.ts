import type { Connection } from 'mongoose';
import { FIRST_CONSULTANT_ID } from './actor.ts';
import { countConsultants, insertConsultant, type StoredConsultant } from './credential-repository.ts';
import { issueConsultantToken } from './issue-tokens.ts';
import { ConflictError } from '../platform/errors.ts';

const FIRST_CONSULTANT = { id: FIRST_CONSULTANT_ID, name: 'Administrator', email: 'admin@tailor.invalid', isAdmin: true };
const ensured = new WeakMap<Connection, Promise<void>>();

/** Makes sure the first consultant exists (once per connection); a second instance racing us is harmless. */
export function ensureFirstConsultantRecord(connection: Connection): Promise<void> {
  let pending = ensured.get(connection);
  if (!pending) {
    pending = insertConsultant(connection, FIRST_CONSULTANT).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof ConflictError) return;
        ensured.delete(connection);
        throw error;
      },
    );
    ensured.set(connection, pending);
  }
  return pending;
}

/**
 * Start-up: with an administrator token configured, the first consultant is that token's owner.
 * Without one, and with no consultant yet, creates the first consultant and returns its token,
 * to be printed once. Returns undefined when there is nothing to print.
 */
export async function ensureFirstConsultant(connection: Connection, adminToken: string | undefined): Promise<string | undefined> {
  if (adminToken) {
    await ensureFirstConsultantRecord(connection);
    return undefined;
  }
  if ((await countConsultants(connection)) > 0) return undefined;
  try {
    return await connection.transaction(async (session) => {
      await insertConsultant(connection, FIRST_CONSULTANT, session);
      return (await issueConsultantToken(connection, session, FIRST_CONSULTANT_ID)).token;
    });
  } catch (error) {
    // Another instance created the first consultant at the same moment; it prints the token.
    if (error instanceof ConflictError || isDuplicateKey(error)) return undefined;
    throw error;
  }
}

/** Adds a consultant (administrators only, checked by the route) and issues their first token. */
export async function createConsultant(
  connection: Connection,
  input: { name: string; email: string },
): Promise<StoredConsultant & { token: string }> {
  return connection
    .transaction(async (session) => {
      const consultant = await insertConsultant(connection, { name: input.name, email: input.email.toLowerCase(), isAdmin: false }, session);
      const { token } = await issueConsultantToken(connection, session, consultant.id);
      return { ...consultant, token };
    })
    .catch((error: unknown) => {
      // A racing request with the same email can surface only when the transaction commits.
      if (isDuplicateKey(error)) throw new ConflictError('A consultant with this email already exists.', 'consultant-exists');
      throw error;
    });
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}
