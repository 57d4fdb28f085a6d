/** Reading url-encoded (or multipart) form bodies: every value arrives as a string, or not at all. */

export type FormBody = Record<string, unknown>;

/** The trimmed text of a field; '' when absent or not text. */
export function textOf(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Every value of a field sent several times (checkboxes); one value arrives as a plain string. */
export function valuesOf(body: FormBody, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A problem with one field of a form: the id of the field it belongs to, and what to do about it. */
export interface FormProblem {
  field: string;
  message: string;
}

/** The error summary's links (`{{> error-summary}}`) and each field's message by field id. */
export function presentProblems(problems: readonly FormProblem[]): { errors: Array<{ href: string; target: string; message: string }>; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const problem of problems) fieldErrors[problem.field] ??= problem.message;
  return { errors: problems.map((p) => ({ href: `#${p.field}`, target: p.field, message: p.message })), fieldErrors };
}
