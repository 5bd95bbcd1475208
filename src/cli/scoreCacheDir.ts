// Where the CLI keeps its score cache: --cache DIR, else the user's cache folder
// ($XDG_CACHE_HOME/rerank, ~/.cache/rerank, %LOCALAPPDATA%\rerank); --no-cache goes without.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ScoreCache, type ScoreCacheStorage } from '../providers/scoreCache';
import type { CliArgs } from './args';
import { stderrLine } from './output';
import type { CliIo } from './ranker';

export const SCORE_CACHE_FILE = 'scores.cache';

/** The folder the environment names for caches; undefined when it names none (then nothing is kept). */
export function defaultCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'rerank');
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'rerank') : undefined;
  return env.HOME ? path.join(env.HOME, '.cache', 'rerank') : undefined;
}

export function scoreCacheFor(args: Pick<CliArgs, 'cacheDir' | 'noCache'>, io: CliIo): ScoreCache | undefined {
  if (args.noCache) return undefined;
  const dir = args.cacheDir ?? defaultCacheDir(io.env);
  if (dir === undefined) return undefined;
  return new ScoreCache(nodeCacheStorage(path.resolve(dir)), { onError: (message) => io.stderr(stderrLine(message)) });
}

export function nodeCacheStorage(dir: string): ScoreCacheStorage {
  const file = path.join(dir, SCORE_CACHE_FILE);
  return {
    async read() {
      try {
        return await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async write(text) {
      await mkdir(dir, { recursive: true });
      // A name of its own, so two processes writing at once never share a temporary file.
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temp, text, { mode: 0o600 });
        await rename(temp, file);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
  };
}
