import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createNodeFs, createReusingReader } from '../../../src/sources/nodeFs';
import { makeTree, removeTree } from '../../support/tempTree';

describe('createReusingReader', () => {
  let root = '';
  const sizes = { empty: 0, small: 10, limit: 100_000, over: 100_001, huge: 400_000 };
  before(() => {
    root = makeTree(Object.fromEntries(Object.entries(sizes).map(([name, size]) => [name, new Uint8Array(size).map((_, i) => 97 + (i % 26))])));
  });
  after(() => removeTree(root));

  it('reads what readFile reads, up to and including the limit, growing its buffer as needed', async () => {
    const read = createReusingReader();
    for (const name of ['empty', 'small', 'limit', 'small', 'huge']) {
      const file = path.join(root, name);
      for (const limit of [sizes.limit, sizes.huge]) {
        const expected = await createNodeFs().readFile(file, limit);
        const got = read(file, limit);
        assert.deepEqual(got && Buffer.from(got), expected && Buffer.from(expected), `${name} within ${limit}`);
      }
    }
  });

  it('tells a file over the limit, whether the first read or the size gives it away', () => {
    const read = createReusingReader();
    assert.equal(read(path.join(root, 'over'), sizes.limit), undefined);
    assert.equal(read(path.join(root, 'huge'), sizes.limit), undefined);
    assert.equal(read(path.join(root, 'small'), 5), undefined);
    assert.equal(read(path.join(root, 'small'), 10)?.length, 10);
  });

  it('throws what opening throws', () => {
    assert.throws(() => createReusingReader()(path.join(root, 'missing'), 10), /ENOENT/);
  });
});

describe('createNodeFs', () => {
  it('offers the reusing reader when blocking, and not otherwise', () => {
    assert.equal(typeof createNodeFs().readFileTransient, 'function');
    assert.equal(createNodeFs({ blocking: false }).readFileTransient, undefined);
  });
});
