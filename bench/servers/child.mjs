/**
 * What every bench child answers over IPC: 'stop' (stops cleanly, then exits), 'memory' and 'live memory'
 * (the heap after a full collection: diagnosis, BENCH_LIVE_HEAP), { heapSnapshot: file } (BENCH_HEAP_SNAPSHOT),
 * and the profiler messages.
 */
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { writeHeapSnapshot } from 'node:v8';

/** `stop` ends the server (resolving once it is closed); the child exits after it, or when the bench goes. */
export function answerBench(stop) {
  process.on('message', (message) => {
    if (message === 'stop') void stop().then(() => process.exit(0));
    if (message === 'memory') process.send?.({ memory: process.memoryUsage() });
    if (message?.heapSnapshot) process.send?.({ heapSnapshot: writeHeapSnapshot(message.heapSnapshot) });
    if (message === 'live memory' && typeof globalThis.gc === 'function') {
      globalThis.gc();
      process.send?.({ memory: process.memoryUsage() });
    }
  });
  answerProfiling();
  process.on('disconnect', () => process.exit(0));
}

/**
 * Lets the bench profile a child for exactly one measured run: 'profile-start' and 'profile-stop' over IPC
 * drive the V8 CPU profiler (node:inspector), and the profile is written where 'profile-stop' says.
 */
function answerProfiling() {
  let session;
  process.on('message', async (message) => {
    if (message?.profile === 'start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      process.send?.({ profiling: 'started' });
    } else if (message?.profile === 'stop' && session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      await writeFile(message.file, JSON.stringify(profile));
      process.send?.({ profiling: 'stopped', file: message.file });
    }
  });
}
