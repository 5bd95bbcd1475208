// The shared test data (../shared/data beside the repository; CI has it too). Not copied into
// the repository. RERANK_SHARED_DATA overrides where it is looked for.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function sharedDataDir(): string {
  const candidates = [process.env.RERANK_SHARED_DATA, path.resolve(__dirname, '../../../shared/data'), '/work/shared/data'];
  const found = candidates.find((dir) => dir && existsSync(path.join(dir, 'noveleval', 'corpus.jsonl')));
  if (!found) throw new Error(`shared test data not found; looked in ${candidates.filter(Boolean).join(', ')} (set RERANK_SHARED_DATA)`);
  return found;
}
