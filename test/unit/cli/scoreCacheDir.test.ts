import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultCacheDir, scoreCacheFor } from '../../../src/cli/scoreCacheDir';
import type { CliIo } from '../../../src/cli/ranker';

const io = (env: NodeJS.ProcessEnv): CliIo => ({ stdout: () => undefined, stderr: () => undefined, env, readStdin: async () => '' });

describe('CLI score cache folder', () => {
  it('is $XDG_CACHE_HOME/rerank, else ~/.cache/rerank, else %LOCALAPPDATA%\\rerank on Windows', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }, 'linux'), path.join('/x', 'rerank'));
    assert.equal(defaultCacheDir({ HOME: '/h' }, 'linux'), path.join('/h', '.cache', 'rerank'));
    assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:/L', HOME: '/h' }, 'win32'), path.join('C:/L', 'rerank'));
  });

  it('is none when the environment names no folder, and with --no-cache', () => {
    assert.equal(defaultCacheDir({}, 'linux'), undefined);
    assert.equal(scoreCacheFor({ noCache: false }, io({})), undefined);
    assert.equal(scoreCacheFor({ noCache: true, cacheDir: '/c' }, io({})), undefined);
    assert.ok(scoreCacheFor({ noCache: false, cacheDir: '/c' }, io({})));
  });
});
