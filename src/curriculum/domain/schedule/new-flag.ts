import type { Flag, FlagSeverity } from './curriculum-document.ts';

/** A flag with its keys always in the same order, so documents stay byte-stable. */
export function newFlag(
  code: string,
  severity: FlagSeverity,
  message: string,
  refs: { moduleId?: string; milestoneId?: string; sessionId?: string } = {},
): Flag {
  const flag: Flag = { code, severity, message };
  if (refs.moduleId !== undefined) flag.moduleId = refs.moduleId;
  if (refs.milestoneId !== undefined) flag.milestoneId = refs.milestoneId;
  if (refs.sessionId !== undefined) flag.sessionId = refs.sessionId;
  return flag;
}
