import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { MailKind } from './mail-types.ts';

const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');
const KINDS: readonly MailKind[] = ['invitation', 'reminder', 'manager-request', 'department-complete', 'brief'];

type Render = (view: object) => string;
type CompileOptions = { strict: boolean; noEscape?: boolean };

/** What the layout wraps around every mail body. */
export interface LayoutView {
  subject: string;
  heading: string;
  preheader: string;
  footer: string;
}

/**
 * Every mail template, read and compiled once at start-up (a missing file stops the start, not a send).
 * HTML templates escape: double braces for anything a person typed. Text templates do not, because
 * text/plain is never interpreted as markup and `&amp;` in a plain-text mail is just noise.
 * Strict mode turns a misspelt field in a template into an error at render time, inside the
 * request that queues the mail, instead of a silently empty sentence.
 */
export class MailTemplates {
  private readonly html = new Map<MailKind, Render>();
  private readonly text = new Map<MailKind, Render>();
  private readonly htmlLayout: Render;
  private readonly textLayout: Render;

  constructor(dir: string = TEMPLATES_DIR) {
    // An isolated instance, so partials registered here never leak into the web pages' handlebars.
    const hbs = Handlebars.create();
    // handlebars compiles lazily on first use; parsing here makes a broken file fail the start.
    const compile = (file: string, options: CompileOptions): Render => {
      const source = read(dir, file);
      hbs.parse(source);
      return hbs.compile(source, options);
    };
    const compileHtml = (file: string): Render => compile(file, { strict: true });
    const compileText = (file: string): Render => compile(file, { strict: true, noEscape: true });
    hbs.registerPartial('button', compileHtml('button.partial.hbs'));
    for (const kind of KINDS) {
      this.html.set(kind, compileHtml(`${kind}.html.hbs`));
      this.text.set(kind, compileText(`${kind}.text.hbs`));
    }
    this.htmlLayout = compileHtml('layout.html.hbs');
    this.textLayout = compileText('layout.text.hbs');
  }

  /** The HTML and plain-text bodies of one kind, each wrapped in its layout. */
  render(kind: MailKind, view: object, layout: LayoutView): { html: string; text: string } {
    const html = this.html.get(kind);
    const text = this.text.get(kind);
    if (!html || !text) throw new Error(`No mail template for kind "${kind}"`);
    return this.renderLayouts(layout, html(view), tidyText(text(view)));
  }

  private renderLayouts(layout: LayoutView, htmlBody: string, textBody: string): { html: string; text: string } {
    return {
      html: this.htmlLayout({ ...layout, body: htmlBody }),
      text: `${this.textLayout({ ...layout, body: textBody }).trim()}\n`,
    };
  }
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

/** Block helpers leave blank lines behind; a text mail reads better with at most one between paragraphs. */
function tidyText(text: string): string {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
