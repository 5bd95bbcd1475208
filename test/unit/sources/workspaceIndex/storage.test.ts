import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CollectOptions } from '../../../../src/sources/files';
import { createNodeFs } from '../../../../src/sources/nodeFs';
import { nodeIndexStorage } from '../../../../src/sources/nodeIndexStorage';
import { collectIndexed } from '../../../../src/sources/workspaceIndex/collect';
import { INDEX_FORMAT_VERSION, decodeIndex } from '../../../../src/sources/workspaceIndex/format';
import { indexName } from '../../../../src/sources/workspaceIndex/storage';
import { fakeSecrets } from '../../../support/fakeSecrets';
import { makeTree, removeTree } from '../../../support/tempTree';

const OPTIONS: CollectOptions = { remote: true, secretPolicy: 'redact' };

describe('workspace index: storage', () => {
  let root: string;
  let store: string;
  const file = () => path.join(store, indexName(realpathSync(root)));
  const run = async (options = OPTIONS) => {
    const collection = await collectIndexed(createNodeFs(), [root], options, { storage: nodeIndexStorage(store), producer: 'test' });
    await collection.saved;
    return collection;
  };

  beforeEach(() => {
    root = makeTree({ 'a.md': '# A\n\nalpha beta gamma\n', 'b/c.ts': 'export const delta = "epsilon";\n' });
    store = makeTree({});
    const past = new Date(Date.now() - 60_000);
    for (const f of ['a.md', 'b/c.ts']) utimesSync(path.join(root, f), past, past);
  });
  afterEach(() => {
    removeTree(root);
    removeTree(store);
  });

  it('reads back exactly the bytes written, a file of several megabytes too, and nothing for a missing file', async () => {
    const storage = nodeIndexStorage(store);
    const bytes = new Uint8Array(5 * 1024 * 1024 + 7).map((_, i) => (i * 31) % 251);
    await storage.write('big.rrix', bytes);
    assert.deepEqual(new Uint8Array(await storage.read('big.rrix') as Uint8Array), bytes);
    assert.equal(await storage.read('missing.rrix'), undefined);
  });

  it('writes one index file per root, whole (no temp file left)', async () => {
    await run();
    assert.deepEqual(readdirSync(store), [indexName(realpathSync(root))]);
    assert.equal(decodeIndex(readFileSync(file()))?.records.size, 2);
  });

  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, b.length - 8)],
    ['cut in its header', (b) => b.subarray(0, 12)],
    ['with one byte altered', (b) => {
      const c = Buffer.from(b);
      c[c.length - 3] = (c[c.length - 3] as number) ^ 0x20;
      return c;
    }],
    ['of an older format version', (b) => {
      const c = Buffer.from(b);
      c.writeUInt32LE(INDEX_FORMAT_VERSION - 1, 4);
      return c;
    }],
    ['not an index at all', () => Buffer.from('{"files": []}\n')],
    ['empty', () => Buffer.alloc(0)],
  ];
  for (const [what, damage] of damages) {
    it(`rebuilds an index file ${what}, and gives the same passages`, async () => {
      const first = await run();
      writeFileSync(file(), damage(readFileSync(file())));
      assert.equal(decodeIndex(readFileSync(file())), undefined);
      const again = await run();
      assert.deepEqual(again.rebuilt, [root]);
      assert.deepEqual(again.all(), first.all());
      assert.notEqual(decodeIndex(readFileSync(file())), undefined, 'written anew');
    });
  }

  it('uses the old index when a writer was killed mid-write, and removes its stale temp file later', async () => {
    const first = await run();
    const whole = readFileSync(file());
    // What a killed writer leaves: part of a temp file next to the index it was to replace.
    const temp = path.join(store, `${indexName(realpathSync(root))}.killed1234.tmp`);
    writeFileSync(temp, whole.subarray(0, whole.length / 2));
    const again = await run();
    assert.deepEqual(again.rebuilt, []);
    assert.deepEqual(again.all(), first.all());
    // An hour old: the next write clears it.
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(temp, old, old);
    writeFileSync(path.join(root, 'new.md'), 'zeta\n');
    await run();
    assert.deepEqual(readdirSync(store), [indexName(realpathSync(root))]);
  });

  it('keeps the newest whole index when two writers race', async () => {
    const storage = nodeIndexStorage(store);
    const a = collectIndexed(createNodeFs(), [root], OPTIONS, { storage, producer: 'test' });
    const b = collectIndexed(createNodeFs(), [root], OPTIONS, { storage, producer: 'test' });
    const [ca, cb] = await Promise.all([a, b]);
    await Promise.all([ca.saved, cb.saved]);
    assert.equal(decodeIndex(readFileSync(file()))?.records.size, 2);
    assert.deepEqual(readdirSync(store), [indexName(realpathSync(root))]);
  });

  it('keeps one index per root in one folder, each rebuilt from its own files', async () => {
    await run();
    const other = makeTree({ 'a.md': 'another tree\n' });
    try {
      const collection = await collectIndexed(createNodeFs(), [other], OPTIONS, { storage: nodeIndexStorage(store), producer: 'test' });
      await collection.saved;
      assert.deepEqual(collection.rebuilt, [other]);
      assert.equal(readdirSync(store).length, 2);
      assert.deepEqual((await run()).rebuilt, []);
    } finally {
      removeTree(other);
    }
  });

  it('holds no likely secret as it was in the file: only the text after the secret policy', async () => {
    const secrets = fakeSecrets(7);
    const planted = [secrets.githubToken, secrets.awsAccessKey, secrets.stripeKey];
    writeFileSync(path.join(root, 'config.env'), `GITHUB_TOKEN=${planted[0]}\nAWS_ACCESS_KEY_ID=${planted[1]}\nSTRIPE=${planted[2]}\nretry = 3\n`);
    utimesSync(path.join(root, 'config.env'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    for (const policy of ['redact', 'omit'] as const) {
      const collection = await run({ remote: true, secretPolicy: policy });
      const root0 = collection.report.roots[0];
      assert.ok(root0 !== undefined && root0.secretsRedacted + root0.passagesOmitted > 0, policy);
      for (const name of readdirSync(store)) {
        const bytes = readFileSync(path.join(store, name));
        for (const secret of planted) {
          assert.equal(bytes.includes(secret), false, `${policy}: ${name} holds a planted secret`);
          assert.equal(bytes.includes(secret.slice(4, 16)), false, `${policy}: ${name} holds part of a planted secret`);
        }
      }
    }
  });

  it('keeps the index small: the texts once, and a few words per term of each passage', async () => {
    await run();
    const text = statSync(path.join(root, 'a.md')).size + statSync(path.join(root, 'b/c.ts')).size;
    assert.ok(statSync(file()).size < text + 1024, `${statSync(file()).size} bytes for ${text} bytes of text`);
  });
});

describe('workspace index: a writer killed mid-write', function () {
  this.timeout(30_000);

  it('leaves the index it was replacing whole and in use', async () => {
    const root = makeTree({ 'a.md': '# A\n\nalpha beta gamma\n', 'b.ts': 'export const delta = 1;\n' });
    const store = makeTree({});
    try {
      const past = new Date(Date.now() - 60_000);
      for (const f of ['a.md', 'b.ts']) utimesSync(path.join(root, f), past, past);
      const child = fork(path.resolve(__dirname, '../../../support/indexWriter.ts'), [root, store], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before it was halfway`)));
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      assert.equal(readdirSync(store).filter((n) => n.endsWith('.tmp')).length, 1, 'the half-written temp file is there');
      const collection = await collectIndexed(createNodeFs(), [root], OPTIONS, { storage: nodeIndexStorage(store), producer: 'test' });
      assert.deepEqual(collection.rebuilt, []);
      assert.deepEqual(collection.files.map((f) => f.path), ['a.md', 'b.ts']);
    } finally {
      removeTree(root);
      removeTree(store);
    }
  });
});
