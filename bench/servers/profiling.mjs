/**
 * Lets the bench profile a child for exactly one measured run: 'profile-start' and 'profile-stop' over IPC
 * drive the V8 CPU profiler (node:inspector), and the profile is written where 'profile-stop' says.
 */
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

export function answerProfiling() {
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
