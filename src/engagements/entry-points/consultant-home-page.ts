import type { NavLink } from '../../web/index.ts';

/** Where a consultant lands after signing in (the consultant component's home page). */
export const CONSULTANT_HOME_PATH = '/consultant';

/** The consultant's navigation; the consultant pages add their links here. */
export function consultantNav(current: string): NavLink[] {
  return [{ href: CONSULTANT_HOME_PATH, label: 'Engagements', current: current === CONSULTANT_HOME_PATH }];
}
