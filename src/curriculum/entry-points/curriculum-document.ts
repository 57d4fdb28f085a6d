import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Engagement } from '../../engagements/index.ts';
import { StartupError } from '../../platform/errors.ts';
import type { CurriculumView } from '../domain/curriculum-version.ts';
import { curriculumPageModel } from './curriculum-page-model.ts';

const TEMPLATES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');

/**
 * The printable curriculum: one standalone HTML file (it is printed, saved and mailed around), so its
 * stylesheet is inside it. Compiled once, at start-up; a template that does not parse stops the start.
 * The site's Content-Security-Policy allows no inline style, so this response carries its own, stricter
 * one: nothing may load at all, and the one stylesheet is allowed by its hash.
 */
export class CurriculumDocumentRenderer {
  private readonly template: HandlebarsTemplateDelegate;
  private readonly styles: string;
  readonly contentSecurityPolicy: string;

  constructor(dir = TEMPLATES_DIR) {
    const hbs = Handlebars.create();
    hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hbs.registerPartial('flag', compile(hbs, path.join(dir, 'flag.partial.hbs')));
    this.template = compile(hbs, path.join(dir, 'curriculum-document.hbs'));
    this.styles = fs.readFileSync(path.join(dir, 'curriculum-document.css'), 'utf8');
    const hash = createHash('sha256').update(this.styles).digest('base64');
    this.contentSecurityPolicy = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  }

  /** The document of one version, and the policy to send with it. */
  render(view: CurriculumView, engagement: Pick<Engagement, 'name' | 'client'>): { html: string; contentSecurityPolicy: string } {
    // `styles` is our own file, the only value inserted unescaped.
    const html = this.template({ ...curriculumPageModel(view, engagement), styles: this.styles });
    return { html, contentSecurityPolicy: this.contentSecurityPolicy };
  }
}

function compile(hbs: typeof Handlebars, file: string): HandlebarsTemplateDelegate {
  const source = fs.readFileSync(file, 'utf8');
  try {
    hbs.parse(source);
  } catch (error) {
    throw new StartupError(`Curriculum template ${file} does not parse: ${(error as Error).message}`);
  }
  return hbs.compile(source, { strict: false, preventIndent: true });
}
