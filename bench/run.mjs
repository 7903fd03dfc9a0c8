/**
 * `npm run bench`: this bot against the SDK's own minimal bot, on loopback, and how it grows with data.
 *
 * Servers, each in a child process of its own (so RSS and CPU are per server):
 *   baseline   bench/servers/baselineBot.mjs: CloudAdapter + an ActivityHandler echoing one reply
 *   dialogs floor  bench/servers/dialogsFloorBot.mjs: the same echo sent from a dialog, with conversation and
 *              user state (in memory): what botbuilder-dialogs and state cost before any feature
 *   bot 1k     this bot (bot/app/createApp.ts startApp) on the embedded store file (DB_FILE) with 1,000
 *              organizations and members, and 2,000 idle conversations (and their users): within what the
 *              embedded file is for (data/file/openFileStore.ts COMFORTABLE_STORE_BYTES)
 *   bot 100k (PostgreSQL)  the same on PostgreSQL (DATABASE_URL) with 100,000 organizations: past what the embedded
 *              file is for. The database is a throwaway cluster (fsync on) unless --database-url names one; it is
 *              filled with `db:import-file` of a seeded store file, as an operator moves a store.
 *   bot 1k untuned  bot 1k with SDK_TUNING=off: what the speed overrides of bot/runtime/sdkTuning buy
 *              (--untuned=0 / BENCH_UNTUNED=0 leaves it out)
 * How far the embedded file goes: --file-sizes=1000:2000,4000:8000,... runs the bot on one store file per entry
 * (organizations, or organizations:conversations), and the table shows each file's size beside its turns/s.
 * The bot runs with MICROSOFT_LOOKUPS=off: the bench measures the bot, not Microsoft's endpoints (none can be
 * reached from here), and a real deployment keeps Microsoft's answers for minutes anyway.
 * One load generator and one local connector stub (devtools/localConnector.ts) in this process serve all of them.
 * After a warm-up, the runs alternate (baseline, 1k, 100k, baseline, ...) so drift hits every server alike.
 *
 * Options (flag or environment variable): --duration=S (BENCH_DURATION, seconds per run, default 20),
 * --rounds=N (BENCH_ROUNDS, 3), --connections=N (BENCH_CONNECTIONS, 10), --warmup=S (BENCH_WARMUP, 5),
 * --file-sizes=1000:2000 (BENCH_FILE_SIZES: embedded store files, `organizations[:conversations]` each),
 * --postgres-sizes=100000 (BENCH_POSTGRES_SIZES: stores on PostgreSQL, organizations; empty leaves them out),
 * --database-url=postgres://... (BENCH_DATABASE_URL: a server to create the bench's databases on),
 * --idle=N (BENCH_IDLE, idle conversations of the PostgreSQL stores and of file sizes that do not say, 10000),
 * --profile=baseline,floor,bot1k,bot100k (BENCH_PROFILE: CPU-profile those servers' first measured run into
 * bench/results/profiles; read one with `node bench/profileSummary.mjs FILE`),
 * --bot-node-flags="..." (BENCH_BOT_NODE_FLAGS: node flags for this bot's processes instead of those `npm start`
 * passes, to try others), --live-heap=1 (BENCH_LIVE_HEAP: after each run, also report the heap after a full collection; diagnosis only,
 * as the collection changes what follows), --heap-snapshot=bot100k (BENCH_HEAP_SNAPSHOT: write those servers' heap snapshots
 * into bench/results/profiles after their last run, for Chrome DevTools or `node bench/heapSummary.mjs FILE`),
 * --out=FILE (BENCH_OUT, default bench/results/latest.json).
 */
import { fork } from 'node:child_process';
import pg from 'pg';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBench, buildDir } from './build.mjs';
import { Inboxes, runLoad } from './load.mjs';
import { BASELINE_MIX, HELPDESK_MIX } from './scenarios.mjs';
import { writeSeed } from './seed.mjs';
import { startPostgresCluster } from '../test/postgresCluster.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..');

function option(name, env, fallback) {
  const flag = process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`));
  const text = flag ? flag.slice(name.length + 3) : process.env[env];
  return text === undefined || text === '' ? fallback : text;
}
/** The node flags `npm start` runs the bot with, so the bench measures the bot as it is run. */
function startNodeFlags() {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  return pkg.config?.node_flags ?? '';
}
function positive(name, env, fallback) {
  const text = option(name, env, String(fallback));
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} / ${env}: "${text}" is not a positive number`);
  return value;
}

const settings = {
  durationSeconds: positive('duration', 'BENCH_DURATION', 20),
  rounds: positive('rounds', 'BENCH_ROUNDS', 3),
  connections: positive('connections', 'BENCH_CONNECTIONS', 10),
  warmupSeconds: positive('warmup', 'BENCH_WARMUP', 5),
  idleConversations: positive('idle', 'BENCH_IDLE', 10000),
  fileSizes: option('file-sizes', 'BENCH_FILE_SIZES', '1000:2000').split(',').filter(Boolean),
  postgresSizes: option('postgres-sizes', 'BENCH_POSTGRES_SIZES', '100000').split(',').filter(Boolean).map(Number),
  databaseUrl: option('database-url', 'BENCH_DATABASE_URL', ''),
  profile: option('profile', 'BENCH_PROFILE', '').split(',').filter(Boolean),
  liveHeap: option('live-heap', 'BENCH_LIVE_HEAP', '') !== '',
  heapSnapshot: option('heap-snapshot', 'BENCH_HEAP_SNAPSHOT', '').split(',').filter(Boolean),
  /** Node flags for this bot's children only: by default those `npm start` passes (package.json config.node_flags). */
  botNodeFlags: option('bot-node-flags', 'BENCH_BOT_NODE_FLAGS', startNodeFlags()).split(' ').filter(Boolean),
  out: option('out', 'BENCH_OUT', join(here, 'results', 'latest.json')),
  untuned: option('untuned', 'BENCH_UNTUNED', '1') !== '0',
};

const label = (size) => (size >= 1000 ? `${size / 1000}k` : String(size));

/** The process's resident set now and its peak (kB from /proc, as MB), and its CPU time so far (ms). */
function processFigures(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024, cpuMs: (ticks * 1000) / 100 };
}

/** CPU time (ms) per thread name of a process: the main thread, V8's GC workers, libuv's threadpool. */
function threadCpu(pid) {
  const byName = {};
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      // Threads are all called "node": the main thread is the one whose id is the process's.
      const comm = task === String(pid) ? 'main' : 'other threads';
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName[comm] = (byName[comm] ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // The thread ended while it was read.
    }
  }
  return byName;
}

async function startServer(server) {
  const begin = performance.now();
  const execArgv = [...(settings.liveHeap ? ['--expose-gc'] : []), ...(server.key.startsWith('bot') ? settings.botNodeFlags : [])];
  const child = fork(server.entry, [], { env: { ...process.env, NODE_ENV: 'production', ...server.env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${server.name} exited with code ${code} before listening`);
    }),
  ]);
  server.child = child;
  server.url = `http://127.0.0.1:${message.port}`;
  server.startupMs = performance.now() - begin;
  server.seq = 0;
  server.runs = [];
}

async function stopServer(server) {
  server.final = processFigures(server.child.pid);
  const exited = once(server.child, 'exit');
  server.child.send('stop');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Sends `message` to the child and resolves with its first answer that `matches`. */
function ask(child, message, matches) {
  const answer = new Promise((resolve) => {
    const listen = (reply) => {
      if (matches(reply)) {
        child.off('message', listen);
        resolve(reply);
      }
    };
    child.on('message', listen);
  });
  child.send(message);
  return answer;
}

/** The child's process.memoryUsage(), asked over IPC. */
async function askMemory(child) {
  const answer = new Promise((resolve) => {
    const listen = (message) => {
      if (message?.memory) {
        child.off('message', listen);
        resolve(message.memory);
      }
    };
    child.on('message', listen);
  });
  child.send('memory');
  return answer;
}

async function measure(server, inboxes, viewCard, durationSeconds, record) {
  // The first measured run of a server named in --profile is CPU-profiled, that run only.
  const profiling = record && server.runs.length === 0 && settings.profile.includes(server.key);
  if (profiling) await ask(server.child, { profile: 'start' }, (reply) => reply?.profiling === 'started');
  const before = processFigures(server.child.pid);
  const ownBefore = process.cpuUsage();
  const threadsBefore = threadCpu(server.child.pid);
  let peakSampled = before.rssMb;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, processFigures(server.child.pid).rssMb);
  }, 200);
  const started = performance.now();
  const result = await runLoad({
    url: server.url,
    inboxes,
    viewCard,
    mix: server.mix,
    connections: settings.connections,
    durationMs: durationSeconds * 1000,
    organizations: server.organizations ?? 1000,
    seqStart: server.seq,
    projectRoot,
  });
  clearInterval(sampler);
  const own = process.cpuUsage(ownBefore);
  if (profiling) {
    mkdirSync(join(here, 'results', 'profiles'), { recursive: true });
    const file = join(here, 'results', 'profiles', `${server.key}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    await ask(server.child, { profile: 'stop', file }, (reply) => reply?.profiling === 'stopped');
    console.log(`      CPU profile of this run: ${file}`);
  }
  const threadsAfter = threadCpu(server.child.pid);
  const threadShares = Object.fromEntries(
    Object.entries(threadsAfter)
      .map(([name, ms]) => [name, Number(((ms - (threadsBefore[name] ?? 0)) / Math.max(1, performance.now() - started)).toFixed(2))])
      .filter(([, share]) => share > 0),
  );
  const after = processFigures(server.child.pid);
  const memory = await askMemory(server.child);
  const live = settings.liveHeap ? await ask(server.child, 'live memory', (reply) => reply?.memory) : undefined;
  server.seq = result.nextSeq;
  if (!record) return;
  server.runs.push({
    turns: result.turns,
    elapsedMs: result.elapsedMs,
    turnsPerSecond: (result.turns * 1000) / result.elapsedMs,
    latencies: result.latencies,
    errors: result.errors,
    errorSamples: result.errorSamples,
    scenarios: result.scenarios,
    connectorCalls: result.connectorCalls,
    cpuMsPerTurn: (after.cpuMs - before.cpuMs) / Math.max(1, result.turns),
    serverCpuShare: (after.cpuMs - before.cpuMs) / result.elapsedMs,
    loadGeneratorCpuShare: (own.user + own.system) / 1000 / result.elapsedMs,
    serverThreadCpuShares: threadShares,
    rssAfterMb: after.rssMb,
    heapUsedAfterMb: memory.heapUsed / 2 ** 20,
    heapTotalAfterMb: memory.heapTotal / 2 ** 20,
    ...(live ? { liveHeapMb: live.memory.heapUsed / 2 ** 20 } : {}),
    rssPeakSampledMb: Math.max(peakSampled, after.rssMb),
  });
  const last = server.runs[server.runs.length - 1];
  const errors = Object.values(last.errors).reduce((a, b) => a + b, 0);
  console.log(
    `  ${server.name.padEnd(13)} run ${server.runs.length}: ${last.turnsPerSecond.toFixed(0)} turns/s, p99 ${percentile(sorted(last.latencies), 0.99).toFixed(1)} ms, ` +
      `${errors} errors, ${last.cpuMsPerTurn.toFixed(2)} CPU ms/turn (server ${(last.serverCpuShare * 100).toFixed(0)}% of a core, load generator ${(last.loadGeneratorCpuShare * 100).toFixed(0)}%), RSS ${last.rssAfterMb.toFixed(0)} MB (heap ${last.heapUsedAfterMb.toFixed(0)} of ${last.heapTotalAfterMb.toFixed(0)} MB${last.liveHeapMb ? `, ${last.liveHeapMb.toFixed(0)} MB live` : ''})`,
  );
  console.log(
    `      server threads (share of a core): ${JSON.stringify(threadShares)}; per turn: ${last.connectorCalls.activitiesPerTurn.toFixed(2)} activities sent, ` +
      `${last.connectorCalls.memberLookupsPerTurn.toFixed(2)} member look-ups`,
  );
  for (const sample of last.errorSamples) console.log(`      ${sample}`);
}

const sorted = (values) => Float64Array.from(values).sort();
function percentile(values, p) {
  if (values.length === 0) return NaN;
  return values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)];
}

function summarize(server) {
  const all = sorted(server.runs.flatMap((run) => run.latencies));
  const turns = server.runs.reduce((sum, run) => sum + run.turns, 0);
  const elapsed = server.runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  const errors = {};
  for (const run of server.runs) for (const [kind, count] of Object.entries(run.errors)) errors[kind] = (errors[kind] ?? 0) + count;
  const scenarios = {};
  for (const run of server.runs) for (const [name, count] of Object.entries(run.scenarios)) scenarios[name] = (scenarios[name] ?? 0) + count;
  return {
    name: server.name,
    key: server.key,
    turns,
    turnsPerSecond: (turns * 1000) / elapsed,
    turnsPerSecondByRun: server.runs.map((run) => Number(run.turnsPerSecond.toFixed(1))),
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    maxMs: all[all.length - 1],
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    errorsByKind: errors,
    errorSamples: server.runs.flatMap((run) => run.errorSamples).slice(0, 10),
    peakRssMb: server.final.peakRssMb,
    peakRssDuringRunsMb: Math.max(...server.runs.map((run) => run.rssPeakSampledMb)),
    cpuMsPerTurn: server.runs.reduce((sum, run) => sum + run.cpuMsPerTurn * run.turns, 0) / Math.max(1, turns),
    startupMs: server.startupMs,
    ...(server.store ? { store: server.store, organizations: server.organizations, conversations: server.conversations } : {}),
    ...(server.storeBytes ? { storeFileMb: server.storeBytes / 2 ** 20, storeFileMbAfter: server.storeBytesAfter / 2 ** 20 } : {}),
    scenarios,
  };
}

function table(rows, columns) {
  const cells = rows.map((row) => columns.map(([, get]) => get(row)));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const line = (values) => `| ${values.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join(' | ')} |`;
  return [line(columns.map(([title]) => title)), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...cells.map(line)].join('\n');
}

const fixed = (digits) => (value) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** The file stores the bench runs on: `organizations[:conversations]` each. */
function fileStores() {
  return settings.fileSizes.map((entry) => {
    const [organizations, conversations = settings.idleConversations] = entry.split(':').map(Number);
    if (!(organizations > 0 && conversations >= 0)) throw new Error(`--file-sizes: "${entry}" is not organizations[:conversations]`);
    return { organizations, conversations };
  });
}

/**
 * A PostgreSQL server for the bench: the one --database-url names, or a throwaway cluster (test/postgresCluster.mjs)
 * with fsync switched back on once it is filled, so its commits are as durable as the file store's writes.
 */
async function postgresServer() {
  if (settings.databaseUrl) return { url: settings.databaseUrl, durable: async () => {}, destroy: async () => {} };
  const cluster = await startPostgresCluster();
  return {
    url: cluster.url,
    durable: async () => {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query('ALTER SYSTEM SET fsync = on');
      await client.query('SELECT pg_reload_conf()');
      await client.end();
    },
    destroy: () => cluster.destroy(),
  };
}

/** A new database on `server` holding the seeded store file at `file`, moved in with db:import-file; its URL. */
async function seededDatabase(server, name, file) {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const { runDbCli } = await import(join(buildDir, 'dbCli.mjs'));
  let output = '';
  const code = await runDbCli(['import-file', file], { env: { DATABASE_URL: url.toString() }, stdout: (text) => (output += text), stderr: (text) => (output += text) });
  if (code !== 0) throw new Error(`db:import-file into ${name} failed:\n${output}`);
  return url.toString();
}

async function main() {
  const files = fileStores();
  console.log(
    `bench: ${settings.rounds} rounds of ${settings.durationSeconds} s per server (warm-up ${settings.warmupSeconds} s), ${settings.connections} connections; ` +
      `store files of ${files.map(({ organizations, conversations }) => `${label(organizations)} organizations + ${label(conversations)} conversations`).join(', ')}` +
      `${settings.postgresSizes.length > 0 ? `; PostgreSQL with ${settings.postgresSizes.map(label).join(', ')} organizations + ${label(settings.idleConversations)} conversations` : ''}`,
  );
  await buildBench();
  const { LocalConnector } = await import(join(buildDir, 'localConnector.mjs'));
  const { viewCard } = await import(join(buildDir, 'cardText.mjs'));
  const folder = await mkdtemp(join(os.tmpdir(), 'helpdesk-bench-'));
  const connector = await LocalConnector.start();
  const inboxes = new Inboxes(connector);
  const servers = [
    { key: 'baseline', name: 'baseline', entry: join(here, 'servers', 'baselineBot.mjs'), env: {}, mix: BASELINE_MIX },
    { key: 'floor', name: 'dialogs floor', entry: join(here, 'servers', 'dialogsFloorBot.mjs'), env: {}, mix: BASELINE_MIX },
  ];
  let database;
  try {
    for (const { organizations, conversations } of files) {
      const name = files.length > 1 ? `${label(organizations)}/${label(conversations)}` : label(organizations);
      const dbFile = join(folder, `store-${organizations}-${conversations}`, 'helpdesk.json');
      const begin = performance.now();
      const storeBytes = await writeSeed(dbFile, { organizations, idleConversations: conversations });
      console.log(`  seeded ${dbFile}: ${(storeBytes / 2 ** 20).toFixed(1)} MB in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
      servers.push({ key: `bot${name}`, name: `bot ${name}`, store: 'file', entry: join(buildDir, 'helpdeskBot.mjs'), env: { DB_FILE: dbFile, MICROSOFT_LOOKUPS: 'off' }, mix: HELPDESK_MIX, organizations, conversations, dbFile, storeBytes });
    }
    if (settings.postgresSizes.length > 0) database = await postgresServer();
    for (const organizations of settings.postgresSizes) {
      const file = join(folder, `seed-${organizations}`, 'helpdesk.json');
      await writeSeed(file, { organizations, idleConversations: settings.idleConversations });
      const begin = performance.now();
      const url = await seededDatabase(database, `bench_${organizations}`, file);
      console.log(`  seeded PostgreSQL database bench_${organizations} with db:import-file in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
      servers.push({ key: `pg${label(organizations)}`, name: `bot ${label(organizations)} (PostgreSQL)`, store: 'postgres', entry: join(buildDir, 'helpdeskBot.mjs'), env: { DATABASE_URL: url, MICROSOFT_LOOKUPS: 'off' }, mix: HELPDESK_MIX, organizations, conversations: settings.idleConversations });
    }
    await database?.durable();
    const smallest = servers.find((server) => server.store === 'file');
    if (settings.untuned && smallest) {
      // A copy of the smallest store, so the two servers never share a file (each holds the store's lock).
      const dbFile = join(folder, 'store-untuned', 'helpdesk.json');
      const storeBytes = await writeSeed(dbFile, { organizations: smallest.organizations, idleConversations: smallest.conversations });
      servers.push({ ...smallest, key: `${smallest.key}untuned`, name: `${smallest.name} untuned`, env: { DB_FILE: dbFile, MICROSOFT_LOOKUPS: 'off', SDK_TUNING: 'off' }, dbFile, storeBytes });
    }
    for (const server of servers) {
      await startServer(server);
      console.log(`  started ${server.name} in ${(server.startupMs / 1000).toFixed(1)} s (RSS ${processFigures(server.child.pid).rssMb.toFixed(0)} MB)`);
    }
    for (const server of servers) await measure(server, inboxes, viewCard, settings.warmupSeconds, false);
    for (let round = 0; round < settings.rounds; round++) {
      for (const server of servers) await measure(server, inboxes, viewCard, settings.durationSeconds, true);
    }
    for (const server of servers.filter((candidate) => settings.heapSnapshot.includes(candidate.key))) {
      mkdirSync(join(here, 'results', 'profiles'), { recursive: true });
      const file = join(here, 'results', 'profiles', `${server.key}-${new Date().toISOString().replace(/[:.]/g, '-')}.heapsnapshot`);
      await ask(server.child, { heapSnapshot: file }, (reply) => reply?.heapSnapshot === file);
      console.log(`  heap snapshot of ${server.name} after its last run: ${file}`);
    }
    for (const server of servers) {
      await stopServer(server);
      if (server.dbFile) server.storeBytesAfter = statSync(server.dbFile).size;
    }
  } finally {
    for (const server of servers) if (server.child && server.child.exitCode === null) server.child.kill('SIGKILL');
    await connector.close();
    await database?.destroy();
    await rm(folder, { recursive: true, force: true });
  }

  const rows = servers.map(summarize);
  const baseline = rows[0];
  for (const row of rows.slice(1)) {
    row.vsBaseline = { turnsPerSecond: row.turnsPerSecond / baseline.turnsPerSecond, p99: row.p99Ms / baseline.p99Ms };
  }
  const bots = rows.filter((row) => row.store === 'file' && !row.key.endsWith('untuned'));
  const smallest = bots[0];
  for (const row of rows.filter((candidate) => candidate.store && candidate.key !== smallest?.key)) {
    row.vsSmallest = { turnsPerSecond: row.turnsPerSecond / smallest.turnsPerSecond, p99: row.p99Ms / smallest.p99Ms };
  }
  console.log('');
  console.log(
    table(rows, [
      ['server', (row) => row.name],
      ['turns/s', (row) => fixed(0)(row.turnsPerSecond)],
      ['p50 ms', (row) => fixed(1)(row.p50Ms)],
      ['p99 ms', (row) => fixed(1)(row.p99Ms)],
      ['max ms', (row) => fixed(0)(row.maxMs)],
      ['errors', (row) => String(row.errors)],
      ['store MB', (row) => (row.storeFileMb ? fixed(1)(row.storeFileMb) : row.store === 'postgres' ? 'PostgreSQL' : '-')],
      ['peak RSS MB', (row) => fixed(0)(row.peakRssMb)],
      ['CPU ms/turn', (row) => fixed(2)(row.cpuMsPerTurn)],
      ['turns/s vs baseline', (row) => (row.vsBaseline ? fixed(2)(row.vsBaseline.turnsPerSecond) : '-')],
      ['p99 vs baseline', (row) => (row.vsBaseline ? fixed(2)(row.vsBaseline.p99) : '-')],
      [`turns/s vs ${smallest?.name ?? '-'}`, (row) => (row.vsSmallest ? fixed(2)(row.vsSmallest.turnsPerSecond) : '-')],
    ]),
  );

  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  const result = { date: new Date().toISOString(), machine, settings, servers: rows };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; results in ${settings.out}`);
  const failed = rows.filter((row) => row.errors > 0);
  if (failed.length > 0) {
    console.log(`errors: ${failed.map((row) => `${row.name} ${JSON.stringify(row.errorsByKind)}`).join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
