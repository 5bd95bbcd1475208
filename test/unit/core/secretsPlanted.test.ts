// The scanner against fake secrets planted in files shaped as a real repository holds them
// (test/fixtures/secrets/planted, listed in planted.json by family), and against realistic text
// that holds none (test/fixtures/secrets/negative), which must come through unchanged.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { redactSecrets } from '../../../src/core/secrets';

const FIXTURES = path.resolve(__dirname, '../../fixtures/secrets');

interface Planted {
  file: string;
  family: string;
  secret: string;
}

/** Pieces of a secret that must not survive: the whole, and every 12-character slice of it. */
function survivingPiece(redacted: string, secret: string): string | undefined {
  if (redacted.includes(secret)) return secret;
  for (let i = 0; i + 12 <= secret.length; i++) {
    const piece = secret.slice(i, i + 12);
    if (redacted.includes(piece)) return piece;
  }
  return undefined;
}

/** Every file under `dir`, relative to it, dot files included. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
  );
}

describe('secret scanner on the planted set', () => {
  const planted = JSON.parse(readFileSync(path.join(FIXTURES, 'planted.json'), 'utf8')) as Planted[];
  const redacted = new Map<string, string>();
  for (const file of new Set(planted.map((p) => p.file))) {
    redacted.set(file, redactSecrets(readFileSync(path.join(FIXTURES, 'planted', file), 'utf8')));
  }

  it('every planted value is in its file', () => {
    for (const p of planted) assert.ok(readFileSync(path.join(FIXTURES, 'planted', p.file), 'utf8').includes(p.secret), `${p.file}: ${p.family}`);
  });

  it('catches at least 95% of planted secrets, and reports recall per family', () => {
    const families = new Map<string, { caught: number; total: number }>();
    const misses: string[] = [];
    for (const p of planted) {
      const tally = families.get(p.family) ?? { caught: 0, total: 0 };
      families.set(p.family, tally);
      tally.total++;
      const piece = survivingPiece(redacted.get(p.file) as string, p.secret);
      if (piece === undefined) tally.caught++;
      else misses.push(`${p.file} (${p.family}): "${piece}" survives`);
    }
    const caught = planted.length - misses.length;
    const recall = caught / planted.length;
    const partial = [...families].filter(([, t]) => t.caught < t.total).map(([f, t]) => `${f} ${t.caught}/${t.total}`);
    // The figures go to the test output: which families are weak is what a reader needs.
    console.log(`      recall ${caught}/${planted.length} (${(recall * 100).toFixed(1)}%) over ${families.size} families${partial.length ? `; below 100%: ${partial.join(', ')}` : ''}`);
    assert.ok(recall >= 0.95, `recall ${(recall * 100).toFixed(1)}% below 95%; missed:\n${misses.join('\n')}`);
  });

  it('keeps every line of every planted file where it was', () => {
    for (const [file, text] of redacted) {
      const original = readFileSync(path.join(FIXTURES, 'planted', file), 'utf8');
      assert.equal(text.split('\n').length, original.split('\n').length, file);
    }
  });
});

describe('secret scanner on text without secrets', () => {
  for (const file of filesUnder(path.join(FIXTURES, 'negative'))) {
    it(`leaves ${file} unchanged`, () => {
      const text = readFileSync(path.join(FIXTURES, 'negative', file), 'utf8');
      const after = redactSecrets(text);
      if (after === text) return;
      const changed = text.split('\n').filter((line, i) => after.split('\n')[i] !== line);
      assert.fail(`altered lines:\n${changed.join('\n')}`);
    });
  }
});
