import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { StartupError } from '../platform/errors.ts';

type Template = (data: object) => string;

/** Where a component keeps its page templates: `<dir>/<name>.hbs` pages, `<dir>/partials/<name>.hbs` partials. */
export type ViewDirs = Record<string, string>;

/**
 * Every page template, compiled once at start-up so a broken template stops the start rather than a
 * request. Templates are named `<namespace>/<file>`: `intake/page`, `access/sign-in`. The shell's own
 * partials (`web` namespace) are registered by their bare name (`{{> error-summary}}`); a component's
 * as `<namespace>/<name>`. Not strict mode: optional fields (a question's help, a field's error)
 * are the norm on forms, and `{{#if}}` on a missing one must simply render nothing.
 */
export class ViewEngine {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Template>();
  private readonly layout: Template;

  constructor(webViewsDir: string, componentDirs: ViewDirs) {
    registerHelpers(this.hbs);
    this.registerPartials(path.join(webViewsDir, 'partials'), undefined);
    this.loadPages(webViewsDir, 'web');
    for (const [namespace, dir] of Object.entries(componentDirs)) {
      this.registerPartials(path.join(dir, 'partials'), namespace);
      this.loadPages(dir, namespace);
    }
    const layout = this.pages.get('web/layout');
    if (!layout) throw new StartupError(`No layout.hbs in ${webViewsDir}.`);
    this.layout = layout;
  }

  /** True when a page template of this name exists. */
  has(name: string): boolean {
    return this.pages.has(name);
  }

  /** Renders a page template inside the layout; `data` is available to both. */
  render(name: string, data: Record<string, unknown>): string {
    const page = this.pages.get(name);
    if (!page) throw new Error(`No page template "${name}"`);
    // The body is HTML our own templates produced, so the layout may insert it with triple braces.
    return this.layout({ ...data, body: page(data) });
  }

  private loadPages(dir: string, namespace: string): void {
    for (const file of hbsFiles(dir)) this.pages.set(`${namespace}/${path.basename(file, '.hbs')}`, this.compile(path.join(dir, file)));
  }

  private registerPartials(dir: string, namespace: string | undefined): void {
    if (!fs.existsSync(dir)) return;
    for (const file of hbsFiles(dir)) {
      const name = path.basename(file, '.hbs');
      this.hbs.registerPartial(namespace ? `${namespace}/${name}` : name, this.compile(path.join(dir, file)));
    }
  }

  private compile(file: string): Template {
    const source = fs.readFileSync(file, 'utf8');
    try {
      // handlebars compiles lazily on first use; parsing here makes a broken file fail the start.
      this.hbs.parse(source);
    } catch (error) {
      throw new StartupError(`Page template ${file} does not parse: ${(error as Error).message}`);
    }
    return this.hbs.compile(source, { preventIndent: true });
  }
}

function hbsFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
}

/** The few helpers templates need; anything more belongs in the view model the route builds. */
function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
}
