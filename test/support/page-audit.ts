import type { Page } from 'playwright-core';

/**
 * What a page must have, checked in the page itself: a language, a title, one h1, unique ids, a label
 * for every control, and every radio or checkbox inside a fieldset with a legend. Returns the problems.
 */
export const AUDIT = `(() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push('html has no lang');
  if (!document.title.trim()) problems.push('no title');
  if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count ' + document.querySelectorAll('h1').length);
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length) problems.push('duplicate ids: ' + duplicates.join(', '));
  for (const control of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button'].includes(control.type)) continue;
    const named = control.labels.length > 0 || control.getAttribute('aria-labelledby') || control.getAttribute('aria-label');
    if (!named) problems.push('no label: ' + (control.id || control.name));
    if ((control.type === 'radio' || control.type === 'checkbox') && !control.closest('fieldset')?.querySelector('legend')) problems.push('no legend: ' + control.id);
    for (const ref of (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)) {
      if (!document.getElementById(ref)) problems.push('aria-describedby points nowhere: ' + ref);
    }
  }
  return problems;
})()`;

export async function audit(page: Page): Promise<string[]> {
  return (await page.evaluate(AUDIT)) as string[];
}
