// `rerank eval` with a remote ranker, the built CLI against a loopback server: the corpus passes
// the secret guard like every other input.

import * as assert from 'node:assert/strict';
import { runBuiltCli } from '../support/cliProcess';
import { startCohereServer, type CohereServer } from '../support/cohereServer';
import { fakeSecrets } from '../support/fakeSecrets';
import { makeTree, removeTree } from '../support/tempTree';

const KEY = 'test-key-eval-0001';
const { githubToken } = fakeSecrets(11);

describe('integration: rerank eval sends the corpus through the secret guard', function () {
  this.timeout(60_000);
  let server: CohereServer;
  let root: string;

  before(() => {
    root = makeTree({
      'corpus.jsonl': [
        { _id: 'd1', title: '', text: 'retry the request after a delay' },
        { _id: 'd2', title: 'deploy', text: `export GITHUB_TOKEN=${githubToken}` },
        { _id: 'd3', title: '', text: 'bake bread at home' },
      ].map((d) => JSON.stringify(d)).join('\n'),
      'queries.jsonl': `${JSON.stringify({ _id: 'q1', text: 'deploy token, retry or bread' })}\n`,
      'qrels.tsv': 'query-id\tcorpus-id\tscore\nq1\td2\t1\n',
    });
  });
  after(() => removeTree(root));
  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
  });
  afterEach(() => server.close());

  const evalArgs = (...more: string[]) => ['eval', '--corpus', `${root}/corpus.jsonl`, '--queries', `${root}/queries.jsonl`, '--qrels', `${root}/qrels.tsv`, '--endpoint', server.url, ...more];
  const sent = () => server.requests.flatMap((r) => r.body?.documents as string[]);

  it('redacts a likely secret before the remote ranker sees it, and says so', async () => {
    const result = await runBuiltCli(evalArgs('--json'), { key: KEY });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sent().length, 3);
    assert.ok(!sent().some((d) => d.includes(githubToken)), 'the token reached the server');
    assert.match(result.stderr, /rerank eval: redacted 1 likely secret \(policy: redact\)\n/);
  });

  it('--secrets omit sends no document holding one', async () => {
    const result = await runBuiltCli(evalArgs('--secrets', 'omit', '--json'), { key: KEY });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sent().length, 2);
    assert.ok(!sent().some((d) => d.includes('GITHUB_TOKEN')));
  });
});
