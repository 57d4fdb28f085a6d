/**
 * The `tailor` command line:
 *   tailor db    --port 27017 --data ./data          run the embedded store standalone
 *   tailor match --library <dir> --tasks <file.jsonl> [--top 3]
 */
const USAGE = `Usage:
  tailor db [--port 27017] [--host 127.0.0.1] [--data ./data]
  tailor match --library <dir> --tasks <file.jsonl> [--top 3]`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  db: async () => (await import('./store/db-command.ts')).runDbCommand,
  match: async () => (await import('./library/match-command.ts')).runMatchCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Own keys only: "constructor" or "toString" would otherwise find Object's.
  const load = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`${name ? `Unknown command "${name}".\n` : ''}${USAGE}\n`);
    return 2;
  }
  return (await load())(rest);
}

export {};

// A reader that stops early (`tailor match … | head`) closes the pipe: the output simply ends there.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2));
