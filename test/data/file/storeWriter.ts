/**
 * A writer that never stops, for the crash-safety test: it opens the store file the way the bot does
 * (lock, then HelpdeskFile) and keeps four kinds of write going at once, printing one line on stdout each
 * time a write has resolved. The test kills it with SIGKILL and then checks that every line it printed is
 * in the store. Not a test itself: crashSafety.test.ts bundles it with esbuild and runs it with node.
 *
 * Environment: DB_FILE (the store), WRITER_TAG (names this run's records, e.g. r7).
 * Lines: `ready`; `W n` (state item written); `d n` (its delete starts); `D n` (state item deleted); `S n` (signup recorded);
 * `T id n` (ticket created); `B n sha` (the shared blob replaced).
 * @remarks stdout is a pipe, and Node writes to pipes synchronously on Linux: a line is in the pipe before
 * the next write starts, so a line the test reads was printed after its write resolved, never before.
 */
import { createHash, randomBytes } from 'node:crypto';
import { openHelpdeskStore } from '../../../data/openHelpdeskStore.js';
import { recordSignup } from '../../../services/signup/signup.js';

const dbFile = process.env.DB_FILE;
const tag = process.env.WRITER_TAG;
if (!dbFile || !tag) throw new Error('storeWriter: set DB_FILE and WRITER_TAG');

const store = await openHelpdeskStore({ dbFile }, 'the crash-safety writer');
const ack = (line: string) => process.stdout.write(`${line}\n`);
ack('ready');

/** Conversation state: a new item each time, and now and then a delete of an earlier one. */
async function stateChain(): Promise<never> {
  for (let n = 0; ; n++) {
    await store.storage.write({ [`crash/${tag}/${n}`]: { tag, n, text: 'ünïcödé 🚀 '.repeat(1 + (n % 40)) } });
    ack(`W ${n}`);
    if (n % 5 === 4) {
      // Said before the delete starts: after a kill the item may be gone even though `D` was never printed.
      ack(`d ${n - 2}`);
      await store.storage.delete([`crash/${tag}/${n - 2}`]);
      ack(`D ${n - 2}`);
    }
  }
}

/** Directory transactions: a signup per step on three shared domains (the first of each creates its organization). */
async function signupChain(): Promise<never> {
  for (let n = 0; ; n++) {
    const domain = `crash${n % 3}.example`;
    await recordSignup(store.directory, { address: { address: `${tag}-${n}@${domain}`, domain }, service: 'Power BI', userId: `${tag}-${n}` }, new Date());
    ack(`S ${n}`);
  }
}

/** Tickets: each gets the next number, which must never be handed out twice, even across a crash. */
async function ticketChain(): Promise<never> {
  for (let n = 0; ; n++) {
    const ticket = await store.records.createTicket({
      requester: { userId: `${tag}-${n}`, conversation: { id: `conv-${tag}-${n}` }, language: 'en' },
      question: `${tag}/${n}`,
      transcript: [],
      status: 'open',
      createdAt: new Date().toISOString(),
    });
    ack(`T ${ticket.id} ${n}`);
  }
}

/** One large item replaced again and again: after a crash it must be one whole version, never half of two. */
async function blobChain(): Promise<never> {
  for (let n = 0; ; n++) {
    const data = randomBytes(16_000 + ((n * 7919) % 64_000)).toString('base64');
    const sha = createHash('sha256').update(data).digest('hex');
    await store.storage.write({ 'crash/blob': { tag, n, data, sha } });
    ack(`B ${n} ${sha}`);
  }
}

await Promise.all([stateChain(), signupChain(), ticketChain(), blobChain()]);
