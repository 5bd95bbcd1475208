import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CODICONS } from '../../../src/webview/icons';

// The font draws an icon only for a class its stylesheet defines; any other name is an empty box.
describe('the codicons the panel uses', () => {
  const css = readFileSync(join(__dirname, '../../../node_modules/@vscode/codicons/dist/codicon.css'), 'utf8');

  for (const name of CODICONS) {
    it(`codicon-${name} is in the font`, () => {
      assert.match(css, new RegExp(`^\\.codicon-${name}:before \\{ content: "\\\\[0-9a-f]{4}" \\}$`, 'm'));
    });
  }

  it('are all named in icons.ts: no panel source spells a codicon class itself', () => {
    const dir = join(__dirname, '../../../src/webview');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'dom.ts')) {
      assert.doesNotMatch(readFileSync(join(dir, file), 'utf8'), /codicon-/, file);
    }
  });

  it('replace the Unicode arrows, triangles and symbols the panel once drew', () => {
    const dir = join(__dirname, '../../../src/webview');
    const symbols = /[\u0394\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\u2600-\u27bf]/u;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(dir, file), 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      assert.doesNotMatch(code, symbols, file);
    }
    assert.doesNotMatch(readFileSync(join(dir, '../../media/panel.css'), 'utf8'), symbols, 'panel.css');
  });
});
