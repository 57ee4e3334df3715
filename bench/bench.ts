/**
 * `npm run bench [-- --store sqlite|postgres] [--size 100000|1m] [--runs 15]`: the benchmark of one
 * store. SQLite (the default) is bench/run.ts; PostgreSQL is bench/postgres/run-postgres.ts, which
 * takes --url, --keep and WIREWATCH_BENCH_POSTGRES_URL besides. `--http` benchmarks the server over
 * HTTP instead (bench/http/run-http.ts: --connections, --duration, --warmup). `--ingest` benchmarks
 * fetch passes over a local fixture server instead (bench/ingest/run-ingest.ts: --feeds, --items).
 * `--enrich` benchmarks enrichment throughput instead (bench/enrich/run-enrich.ts: --size, --seed).
 * `--watch` benchmarks ingest with saved searches matched after every batch (bench/watch/run-watch.ts).
 */
import { flag, option } from './bench-args.ts';

const store = option('store', 'sqlite');
if (flag('http')) await import('./http/run-http.ts');
else if (flag('ingest')) await import('./ingest/run-ingest.ts');
else if (flag('enrich')) await import('./enrich/run-enrich.ts');
else if (flag('watch')) await import('./watch/run-watch.ts');
else if (store === 'sqlite') await import('./run.ts');
else if (store === 'postgres') await import('./postgres/run-postgres.ts');
else throw new Error(`--store must be sqlite or postgres, not ${store}`);
