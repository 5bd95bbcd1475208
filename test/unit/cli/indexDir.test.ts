import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexFolderFor, pruneIndexes } from '../../../src/cli/indexDir';

describe('CLI index folder', () => {
  it('is the cache folder\'s index/ by default (pruned), DIR with --index (kept as it is), none with --no-index', () => {
    assert.deepEqual(indexFolderFor({ noIndex: false }, { XDG_CACHE_HOME: '/x' }), { path: path.join('/x', 'rerank', 'index'), pruned: true });
    assert.deepEqual(indexFolderFor({ noIndex: false, index: 'mine' }, { XDG_CACHE_HOME: '/x' }), { path: path.resolve('mine'), pruned: false });
    assert.equal(indexFolderFor({ noIndex: true }, { XDG_CACHE_HOME: '/x' }), undefined);
    assert.equal(indexFolderFor({ noIndex: false }, {}), undefined, 'no cache folder named: no index');
  });

  describe('pruning', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rerank-index-prune-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps the index files used last, marks the ones a run used as used now, and leaves other files alone', async () => {
      const day = 86_400;
      for (let i = 0; i < 6; i++) {
        const file = path.join(dir, `tree${i}-0000000${i}.rrix`);
        writeFileSync(file, 'x');
        // tree0 is the oldest, tree5 the newest.
        utimesSync(file, 1_700_000_000 + i * day, 1_700_000_000 + i * day);
      }
      writeFileSync(path.join(dir, 'notes.txt'), 'not an index');
      await pruneIndexes(dir, ['tree0-00000000.rrix'], 3);
      assert.deepEqual(readdirSync(dir).sort(), ['notes.txt', 'tree0-00000000.rrix', 'tree4-00000004.rrix', 'tree5-00000005.rrix']);
    });
  });
});
