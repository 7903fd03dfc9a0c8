/**
 * The real file system with faults a test switches on and off: what a full or failing disk does to a write.
 * Every call goes to node:fs; a fault changes what one kind of call answers. Not a test itself.
 */
import * as fs from 'node:fs/promises';
import type { FileOps, WriteHandle } from '../../../data/file/durableFile.js';

export interface Faults {
  /** Each write call takes at most this many bytes (a short count, no error), as a nearly full disk may. */
  writeChunk?: number;
  /** A file gets this many bytes at most: the write that reaches the end gets a short count, the next ENOSPC (as Linux does). */
  spaceLeft?: number;
  /** fsync of the file being written fails with EIO. */
  fileSync?: boolean;
  /** fsync of the folder, after the rename, fails with EIO. */
  folderSync?: boolean;
  /** The rename over the old file fails with EIO. */
  rename?: boolean;
}

function errno(code: string, call: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${call}`), { code });
}

/** File operations that obey `faults` as it is at each call; counts what they did in `calls`. */
export function faultyDisk(faults: Faults): { ops: FileOps; calls: { writes: number; renames: number; shortWrites: number } } {
  const calls = { writes: 0, renames: 0, shortWrites: 0 };
  const ops: FileOps = {
    open: async (path, flags) => {
      const handle = await fs.open(path, flags);
      const faulty: WriteHandle = {
        write: async (data, offset, length, position) => {
          calls.writes += 1;
          let allowed = length;
          if (faults.writeChunk !== undefined) allowed = Math.min(allowed, faults.writeChunk);
          if (faults.spaceLeft !== undefined) allowed = Math.min(allowed, Math.max(0, faults.spaceLeft - position));
          if (allowed === 0) throw errno('ENOSPC', 'write');
          if (allowed < length) calls.shortWrites += 1;
          return handle.write(data, offset, allowed, position);
        },
        sync: async () => {
          if (flags === 'w' && faults.fileSync) throw errno('EIO', 'fsync of the file');
          if (flags === 'r' && faults.folderSync) throw errno('EIO', 'fsync of the folder');
          await handle.sync();
        },
        close: () => handle.close(),
      };
      return faulty;
    },
    rename: async (from, to) => {
      if (faults.rename && !to.endsWith('.bak')) throw errno('EIO', 'rename');
      await fs.rename(from, to);
      if (!to.endsWith('.bak')) calls.renames += 1;
    },
    link: (existing, to) => fs.link(existing, to),
    rm: (path, options) => fs.rm(path, options),
  };
  return { ops, calls };
}
