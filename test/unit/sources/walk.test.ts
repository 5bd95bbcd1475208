import * as assert from 'node:assert/strict';
import { isCancelled } from '../../../src/core/errors';
import type { DirEntry, SourceFs } from '../../../src/sources/fs';
import { emptyRootReport } from '../../../src/sources/report';
import { walkFolder } from '../../../src/sources/walk';

/** A file system that answers at once (as the CLI's synchronous one does): a root holding `count` empty folders. */
function emptyFolders(count: number): SourceFs {
  const entries: DirEntry[] = Array.from({ length: count }, (_, i) => ({ name: `d${i}`, type: 'directory' }));
  return {
    readDirectory: async (path) => (path === '/r' ? entries : []),
    stat: async () => ({ type: 'directory', size: 0 }),
    readFile: async () => undefined,
  };
}

describe('walkFolder', () => {
  it('lets the event loop turn during a walk of many folders and no files, so a signal stops it', async () => {
    const controller = new AbortController();
    // Runs at the walk's first turn of the event loop; a walk that never turned would end unaborted.
    setImmediate(() => controller.abort());
    const walk = async () => {
      for await (const files of walkFolder(emptyFolders(5000), '/r', { include: undefined, exclude: undefined, ignoreFiles: false, symlinkBounds: undefined }, emptyRootReport('/r', '', false), controller.signal)) {
        assert.fail(`no files expected, got ${files.length}`);
      }
    };
    await assert.rejects(walk(), isCancelled);
  });
});
