import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../../src/cli';

// The labelled set NovelEval (Apache-2.0), kept in the repository's fixtures with its licence.
const data = path.resolve(__dirname, '../../fixtures/noveleval');
const files = ['--corpus', `${data}/corpus.jsonl`, '--queries', `${data}/queries.jsonl`, '--qrels', `${data}/qrels.tsv`];

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, readStdin: async () => '' });
  return { code, stdout, stderr };
}

describe('rerank eval on NovelEval', () => {
  it('scores the given order of run.trec as the baseline (nDCG@10 0.6503)', async () => {
    const { code, stdout } = await cli(['eval', ...files, '--run', `${data}/run.trec`, '--provider', 'none', '--json']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result), ['queries', 'ndcg@10', 'mrr@10', 'recall@100', 'durationMs']);
    assert.equal(result.queries, 21);
    assert.ok(Math.abs(result['ndcg@10'] - 0.6503) < 0.00005, String(result['ndcg@10']));
  });

  it('reproduces the published BM25 nDCG@10 (0.5577) within 0.01 with the local ranker', async () => {
    const { code, stdout } = await cli(['eval', ...files, '--run', `${data}/run.trec`, '--provider', 'local', '--json']);
    assert.equal(code, 0);
    const ndcg = JSON.parse(stdout)['ndcg@10'];
    assert.ok(Math.abs(ndcg - 0.5577) <= 0.01, `nDCG@10 ${ndcg}`);
  });

  it('names k in the metric keys', async () => {
    const { stdout } = await cli(['eval', ...files, '--run', `${data}/run.trec`, '--provider', 'none', '-k', '5', '--json']);
    assert.deepEqual(Object.keys(JSON.parse(stdout)).slice(1, 3), ['ndcg@5', 'mrr@5']);
  });

  it('picks candidates by BM25 over the corpus without --run, and reports progress on stderr', async () => {
    const { code, stdout, stderr } = await cli(['eval', ...files, '--provider', 'local', '--candidates', '20']);
    assert.equal(code, 0);
    assert.match(stdout, /BM25 top 20 -> local bm25/);
    assert.match(stderr, /rerank eval: 21\/21 queries/);
  });

  it('fails with exit 2 and a named file when a required file is missing', async () => {
    const { code, stderr } = await cli(['eval', '--corpus', `${data}/corpus.jsonl`, '--queries', `${data}/queries.jsonl`]);
    assert.equal(code, 2);
    assert.match(stderr, /rerank eval needs --qrels FILE/);
  });
});
