import * as assert from 'node:assert/strict';
import { ScoreTable, sha256Hex } from '../../../src/core/scoreTable';

const key = (n: number) => n.toString(16).padStart(32, '0');

describe('score table', () => {
  it('hashes with SHA-256 (Web Crypto)', async () => {
    assert.equal(await sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keeps at most maxEntries, the least recently used out', () => {
    const table = new ScoreTable({ maxEntries: 2, maxBytes: 1e6 });
    table.set(key(1), 0.1);
    table.set(key(2), 0.2);
    assert.equal(table.get(key(1)), 0.1);
    table.set(key(3), 0.3);
    assert.deepEqual([table.get(key(1)), table.get(key(2)), table.get(key(3))], [0.1, undefined, 0.3]);
    assert.equal(table.size, 2);
  });

  it('keeps at most maxBytes of entries as written', async () => {
    const table = new ScoreTable({ maxEntries: 1000, maxBytes: 200 });
    for (let i = 0; i < 10; i++) table.set(key(i), 0.5);
    assert.equal(table.size, 4);
    assert.ok(table.byteSize <= 200);
    const text = await table.toText();
    assert.ok(text.slice(text.indexOf('\n') + 1).length <= 200);
    assert.equal(table.get(key(9)), 0.5);
    assert.equal(table.get(key(5)), undefined);
  });

  it('refuses keys that are not hashes and scores that are not finite', () => {
    const table = new ScoreTable();
    table.set('some passage text', 0.5);
    table.set(key(1), Number.NaN);
    assert.equal(table.size, 0);
  });

  it('reads back what it wrote, in the same order of use', async () => {
    const table = new ScoreTable({ maxEntries: 3, maxBytes: 1e6 });
    table.set(key(1), 0.1);
    table.set(key(2), -2.5e-7);
    table.set(key(3), 1);
    table.get(key(1));
    const back = await ScoreTable.fromText(await table.toText(), { maxEntries: 3, maxBytes: 1e6 });
    assert.ok(back);
    assert.equal(back.changed, false);
    back.set(key(4), 0.4);
    assert.deepEqual([back.get(key(2)), back.get(key(3)), back.get(key(1)), back.get(key(4))], [undefined, 1, 0.1, 0.4]);
  });

  it('trusts no file that is not exactly what it writes', async () => {
    const table = new ScoreTable();
    table.set(key(1), 0.25);
    const good = await table.toText();
    const bad = [
      '',
      'garbage',
      good.slice(0, -3),
      good.replace('0.25', '0.75'),
      good.replace('"version":1', '"version":2'),
      good.replace('rerank-score-cache', 'other'),
      `${good.slice(0, good.indexOf('\n'))}\n[["not a key",0.5]]`,
    ];
    for (const text of bad) assert.equal(await ScoreTable.fromText(text), undefined, text);
    const forgedBody = '[["short",0.5]]';
    const forged = `{"format":"rerank-score-cache","version":1,"sha256":"${await sha256Hex(forgedBody)}"}\n${forgedBody}`;
    assert.equal(await ScoreTable.fromText(forged), undefined);
  });

  it('applies its bounds to a file read back, and marks the table to be written', async () => {
    const table = new ScoreTable({ maxEntries: 5, maxBytes: 1e6 });
    for (let i = 0; i < 5; i++) table.set(key(i), i / 10);
    const smaller = await ScoreTable.fromText(await table.toText(), { maxEntries: 2, maxBytes: 1e6 });
    assert.equal(smaller?.size, 2);
    assert.equal(smaller?.changed, true);
    assert.equal(smaller?.get(key(4)), 0.4);
  });
});
