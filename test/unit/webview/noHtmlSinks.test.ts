import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The panel shows untrusted document text. It stays text only if no code path hands a string to
// an HTML parser; this reads every panel source file and fails on any API that would.
describe('the panel sources', () => {
  const dir = join(__dirname, '../../../src/webview');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser|srcdoc)\b|document\.write|\beval\s*\(|new Function\s*\(/;

  it('exist', () => {
    assert.ok(files.includes('main.ts'));
  });

  for (const file of files) {
    it(`${file} hands no string to an HTML parser or to eval`, () => {
      const code = readFileSync(join(dir, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
      assert.doesNotMatch(code, sinks);
    });
  }
});
