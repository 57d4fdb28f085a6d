/** Who is calling, as the auth middlewares leave it in `res.locals.actor`. */
export type Actor = ConsultantActor | PersonActor;

export interface ConsultantActor {
  kind: 'consultant';
  consultantId: string;
  isAdmin: boolean;
}

export interface PersonActor {
  kind: 'person';
  personId: string;
  engagementId: string;
}

/** True when both stand for the same consultant, or the same person on the same engagement. */
export function isSameActor(a: Actor, b: Actor): boolean {
  if (a.kind === 'consultant') return b.kind === 'consultant' && a.consultantId === b.consultantId;
  return b.kind === 'person' && a.personId === b.personId && a.engagementId === b.engagementId;
}

/** Why a presented credential was refused; each maps to a stable error code. */
export type CredentialFailure = 'unknown' | 'expired' | 'revoked';

/** The outcome of checking one credential; `expiresAt` when the credential itself expires. */
export type CredentialCheck = { actor: Actor; expiresAt?: Date } | { failure: CredentialFailure };

/** The id of the first consultant (the administrator), fixed so that two instances starting at once create one. */
export const FIRST_CONSULTANT_ID = '000000000000000000000001';
