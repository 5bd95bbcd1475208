import * as assert from 'node:assert/strict';
import { parseEvalArgs } from '../../../src/cli/evalArgs';

describe('rerank eval arguments', () => {
  it('reads at most one input from stdin', () => {
    const base = ['--corpus', 'c.jsonl', '--queries', 'q.jsonl', '--qrels', 'q.tsv'];
    assert.equal(parseEvalArgs([...base.slice(0, 1), '-', ...base.slice(2)])?.corpusFile, '-');
    assert.throws(
      () => parseEvalArgs(['--corpus', '-', '--queries', '-', '--qrels', 'q.tsv']),
      (err: Error & { kind?: string }) => err.kind === 'bad-input' && /--corpus and --queries both ask for it/.test(err.message),
    );
  });

  it('shares the ranking options with rerank and needs the three data files', () => {
    const args = parseEvalArgs(['--corpus', 'c.jsonl', '--queries', 'q.jsonl', '--qrels', 'q.tsv', '-p', 'none', '--batch-size', '7']);
    assert.deepEqual([args?.rankWith, args?.batchSize, args?.firstStageDepth, args?.k], ['none', 7, 100, 10]);
    assert.throws(() => parseEvalArgs(['--corpus', 'c.jsonl', '--queries', 'q.jsonl']), /rerank eval needs --qrels FILE/);
    assert.equal(parseEvalArgs(['--help']), undefined);
    assert.equal(args?.secrets, 'redact');
    assert.throws(() => parseEvalArgs(['--corpus', 'c', '--queries', 'q', '--qrels', 'r', '--secrets', 'keep']), /--secrets must be one of redact, omit/);
  });
});
