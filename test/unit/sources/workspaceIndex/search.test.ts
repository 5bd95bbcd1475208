import * as assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { CollectOptions } from '../../../../src/sources/files';
import { createNodeFs } from '../../../../src/sources/nodeFs';
import { nodeIndexStorage } from '../../../../src/sources/nodeIndexStorage';
import { collectIndexed } from '../../../../src/sources/workspaceIndex/collect';
import type { IndexedCollection, KeepPassage } from '../../../../src/sources/workspaceIndex/search';
import { LocalRanker } from '../../../../src/providers/local';
import { treesRemovedAfterEach } from '../../../support/tempTree';

const SPEC: Record<string, string> = {
  'src/retry.ts': 'export function retry() {\n  // retry the request after a rate limit\n  return backoff();\n}\n\nfunction backoff() {\n  // wait, then retry the request again\n  return 2;\n}\n',
  'src/config.ts': 'export function parseConfig(text: string) {\n  // parse the configuration file\n  return JSON.parse(text);\n}\n\nexport function reportErrors(errors: string[]) {\n  // report errors in the configuration\n  return errors.join(", ");\n}\n',
  'docs/guide.md': '# Guide\n\nHow to parse the configuration file.\n\n## Limits\n\nA rate limit makes the client retry; the request waits first.\n\n## Errors\n\nErrors are reported once.\n',
  'notes/a.md': 'nothing about the topic here\n',
  'notes/b.md': 'nothing about the topic here\n',
};
// Small chunks: files of several passages, so the term data runs across passages and files.
const OPTIONS: CollectOptions = { remote: true, secretPolicy: 'redact', chunk: { maxTokens: 12, overlapLines: 0 } };
const QUERIES = [
  'retry the request after a rate limit',
  'parse the configuration file and report errors',
  'zebra',
  // Past a dozen distinct terms: the term data is matched through a hash table.
  'how does the client parse the configuration file, report its errors, retry a request and wait out a rate limit',
];

describe('workspace index: the offline ranker from term data', () => {
  const tree = treesRemovedAfterEach();
  let collection: IndexedCollection;

  beforeEach(async () => {
    const root = tree(SPEC);
    // A minute back: the index trusts the files, so the second collection uses the stored term data.
    const past = new Date(Date.now() - 60_000);
    for (const file of Object.keys(SPEC)) utimesSync(path.join(root, file), past, past);
    const index = { storage: nodeIndexStorage(tree({})), producer: 'test' };
    await (await collectIndexed(createNodeFs(), [root], OPTIONS, index)).saved;
    collection = await collectIndexed(createNodeFs(), [root], OPTIONS, index);
  });

  /** The ranking of all(keep)'s texts, from the texts and from the term data; and whether the term data was used. */
  const rankBothWays = async (query: string, keep?: KeepPassage) => {
    const texts = collection.all(keep).flatMap((f) => f.candidates.map((c) => c.text));
    const indexed = collection.termBm25(keep);
    const hits = sinon.spy(indexed, 'hits');
    return {
      fromTexts: (await new LocalRanker().rank(query, texts)).results,
      fromTerms: (await new LocalRanker().withIndex(indexed).rank(query, texts)).results,
      termsUsed: hits.calledOnce,
    };
  };

  it('gives every passage the rank and score the texts give it', async () => {
    assert.ok(collection.passages > Object.keys(SPEC).length, 'several passages per file');
    for (const query of QUERIES) {
      const { fromTexts, fromTerms, termsUsed } = await rankBothWays(query);
      assert.ok(termsUsed, query);
      assert.deepEqual(fromTerms, fromTexts, query);
    }
  });

  it('gives the same ranking of the passages Find Related keeps', async () => {
    // Leaves out one passage of a file and a whole file, as a selection's passages are left out.
    const keep: KeepPassage = (file, range) => !(file.path === 'src/retry.ts' && range.startLine === 1) && file.path !== 'docs/guide.md';
    assert.ok(collection.all(keep).flatMap((f) => f.candidates).length < collection.passages);
    for (const query of QUERIES) {
      const { fromTexts, fromTerms, termsUsed } = await rankBothWays(query, keep);
      assert.ok(termsUsed, query);
      assert.deepEqual(fromTerms, fromTexts, query);
    }
  });
});
