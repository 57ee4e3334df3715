/** `wirewatch stats`: what the archive holds. */
import type { Command } from 'commander';
import { type GlobalOptions, withStore } from './open-store.ts';
import { formatDay } from './render-results.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Registers the command. */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('show the size of the archive, its sources, languages and years')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { stats, sources } = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: true },
        async (store) => ({
          stats: await store.stats(),
          sources: await store.listSources(),
        }),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...stats, sources }, null, 2)}\n`);
        return;
      }
      const span =
        stats.firstPublishedAt && stats.lastPublishedAt
          ? `${formatDay(stats.firstPublishedAt)} – ${formatDay(stats.lastPublishedAt)}`
          : 'no dated articles';
      const lines = [
        `${stats.articleCount} articles from ${stats.sourceCount} sources, ${span}`,
        `archive size: ${(stats.sizeBytes / 1_048_576).toFixed(1)} MB (schema version ${stats.schemaVersion})`,
        `languages: ${formatCounts(stats.languages)}`,
        `years: ${formatCounts(stats.years)}`,
        '',
        'sources:',
        ...sources.map(
          (source) =>
            `  ${String(source.articleCount).padStart(8)}  ${stripControlCharacters(source.name)}${source.lastPublishedAt ? ` (latest ${formatDay(source.lastPublishedAt)})` : ''}`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ${n}`).join(', ');
}
