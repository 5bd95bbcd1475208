import * as assert from 'node:assert/strict';
import { evaluateRankings, mrrAtK, ndcgAtK, recallAtK } from '../../../src/core/metrics';
import { parseCorpus, parseQrels, parseTrecRun } from '../../../src/eval/beir';
import { evaluate } from '../../../src/eval/evaluate';

const close = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

describe('ranking metrics (as trec_eval)', () => {
  // d1 judged 0, d2 graded 2, d3 graded 1, d4 graded 2 but not retrieved.
  const judgments = new Map([['d1', 0], ['d2', 2], ['d3', 1], ['d4', 2]]);
  const ranking = ['d1', 'd2', 'd3', 'dx'];

  it('computes nDCG@k with graded gains and the ideal from every judged document', () => {
    // DCG@3 = 2/log2(3) + 1/log2(4); IDCG@3 = 2/log2(2) + 2/log2(3) + 1/log2(4).
    close(ndcgAtK(ranking, judgments, 3), 0.4683480347412084);
    // DCG@2 = 2/log2(3); IDCG@2 = 2 + 2/log2(3).
    close(ndcgAtK(ranking, judgments, 2), 0.38685280723454163);
  });

  it('gives 1 for the ideal ranking and 0 when nothing relevant is retrieved', () => {
    close(ndcgAtK(['d2', 'd4', 'd3'], judgments, 10), 1);
    close(ndcgAtK(['d1', 'dx'], judgments, 10), 0);
  });

  it('computes MRR@k from the first relevant document within k', () => {
    close(mrrAtK(ranking, judgments, 10), 1 / 2);
    close(mrrAtK(ranking, judgments, 1), 0);
  });

  it('computes recall@k over all relevant documents', () => {
    close(recallAtK(ranking, judgments, 100), 2 / 3);
    close(recallAtK(ranking, judgments, 2), 1 / 3);
  });

  it('skips queries without a relevant document, as trec_eval does', () => {
    assert.equal(ndcgAtK(['a'], new Map([['a', 0]]), 10), undefined);
    const qrels = new Map([['q1', judgments], ['q2', new Map([['a', 0]])]]);
    const summary = evaluateRankings(new Map([['q1', ranking], ['q2', ['a']], ['q3', ['b']]]), qrels, 3);
    assert.equal(summary.queries, 1);
    close(summary.ndcg, 0.4683480347412084);
  });
});

describe('ranking metrics with a repeated document', () => {
  const judgments = new Map([['d1', 1]]);

  it('counts a document listed twice once, so no metric exceeds 1', () => {
    close(ndcgAtK(['d1', 'd1'], judgments, 10), 1);
    close(recallAtK(['d1', 'd1'], judgments, 100), 1);
    close(mrrAtK(['d1', 'd1'], judgments, 10), 1);
  });

  it('gives the repeat no place: the next distinct document moves up', () => {
    close(ndcgAtK(['dx', 'dx', 'd1'], judgments, 2), 1 / Math.log2(3));
  });
});

describe('IR file formats', () => {
  it('reads BEIR TSV qrels with their header', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\nq2\td3\t1\n', 'qrels.tsv');
    assert.deepEqual([...qrels.get('q1') ?? []], [['d1', 2], ['d2', 0]]);
    assert.deepEqual([...qrels.get('q2') ?? []], [['d3', 1]]);
  });

  it('rejects a bad grade after line 1 even before the first judgment, naming the line', () => {
    assert.throws(() => parseQrels('query-id\tcorpus-id\tscore\nq1\td1\thigh\nq1\td2\t1\n', 'qrels.tsv'), /qrels\.tsv line 2: the grade "high" is not a number/);
  });

  it('reads TREC qrels', () => {
    const qrels = parseQrels('q1 0 d1 2\nq1 0 d2 1\n', 'qrels.trec');
    assert.deepEqual([...qrels.get('q1') ?? []], [['d1', 2], ['d2', 1]]);
  });

  it('names the line of a bad qrels row', () => {
    assert.throws(() => parseQrels('q1 d1 2\nq1 d2 x\n', 'qrels.tsv'), /qrels\.tsv line 2: the grade "x" is not a number/);
    assert.throws(() => parseQrels('q1 d1\n', 'qrels.tsv'), /qrels\.tsv line 1: expected/);
  });

  it('keeps the first line of a docid a run lists twice for a query', () => {
    const run = parseTrecRun('q1 Q0 d1 1 2 t\nq1 Q0 d1 2 1 t\nq2 Q0 d1 1 1 t\n', 'run.trec');
    assert.deepEqual(run.get('q1'), ['d1']);
    assert.deepEqual(run.get('q2'), ['d1']);
    const summary = evaluateRankings(run, parseQrels('q1 0 d1 1\n', 'qrels.trec'), 10);
    assert.deepEqual(summary, { queries: 1, ndcg: 1, mrr: 1, recall: 1 });
  });

  it('keeps the first document of a corpus that repeats an _id', () => {
    const docs = parseCorpus('{"_id":"d1","text":"first"}\n{"_id":"d2","text":"other"}\n{"_id":"d1","text":"again"}\n', 'corpus.jsonl');
    assert.deepEqual(docs.map((d) => [d.id, d.text]), [['d1', 'first'], ['d2', 'other']]);
  });

  it('orders a TREC run by score, not by its rank column, as trec_eval does', () => {
    const run = parseTrecRun('q1 Q0 a 1 0.2 t\nq1 Q0 b 2 0.9 t\nq1 Q0 c 3 0.5 t\n', 'run.trec');
    assert.deepEqual(run.get('q1'), ['b', 'c', 'a']);
  });

  it('breaks score ties by docid descending, as trec_eval does', () => {
    const run = parseTrecRun('q1 Q0 d10 1 1 t\nq1 Q0 d2 2 1 t\nq1 Q0 d9 3 1 t\n', 'run.trec');
    assert.deepEqual(run.get('q1'), ['d9', 'd2', 'd10']);
  });

  it('reads a TREC run in score order whatever the line order', () => {
    const run = parseTrecRun('q1 Q0 b 2 0.5 t\nq1 Q0 a 1 0.9 t\nq2 Q0 c 1 1 t\n', 'run.trec');
    assert.deepEqual(run.get('q1'), ['a', 'b']);
    assert.deepEqual(run.get('q2'), ['c']);
  });
});

describe('evaluate with a corpus that repeats an _id', () => {
  it('ranks and scores the repeated document once', async () => {
    const corpus = [
      { id: 'd1', title: '', text: 'retry the request' },
      { id: 'd1', title: '', text: 'retry the request again' },
      { id: 'd2', title: '', text: 'unrelated words' },
    ];
    const qrels = parseQrels('q1 0 d1 1\n', 'qrels.trec');
    const result = await evaluate({ corpus, queries: [{ id: 'q1', text: 'retry request' }], qrels, k: 10 });
    assert.deepEqual(result.rankings.get('q1'), ['d1']);
    assert.equal(result.ndcg, 1);
    assert.equal(result.recall, 1);
  });
});
