/** The benchmark's command-line options, shared by the SQLite and PostgreSQL runs. */

const args = process.argv.slice(2);

/** The value after `--name`, or `fallback` when the option is absent. */
export function option(name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1]! : fallback;
}

/** True when the bare flag `--name` was given. */
export function flag(name: string): boolean {
  return args.includes(`--${name}`);
}

/** `--size` as a number of articles: 100000, 100k and 1m all work; at least 1000. */
export function sizeOption(): { size: number; sizeArg: string } {
  const sizeArg = option('size', '100000').toLowerCase();
  const size = sizeArg.endsWith('m')
    ? Number(sizeArg.slice(0, -1)) * 1_000_000
    : sizeArg.endsWith('k')
      ? Number(sizeArg.slice(0, -1)) * 1000
      : Number(sizeArg);
  if (!Number.isInteger(size) || size < 1000) throw new Error(`--size must be at least 1000, not ${sizeArg}`);
  return { size, sizeArg };
}

/** `--runs`: timed runs per query (default 15). */
export function runsOption(): number {
  return Number(option('runs', '15'));
}
