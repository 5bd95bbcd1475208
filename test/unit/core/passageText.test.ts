import * as assert from 'node:assert/strict';
import { dedent, meaningfulLine, passageTitle } from '../../../src/core/passageText';

describe('passageTitle', () => {
  it('uses the title the collector found', () => {
    assert.equal(passageTitle({ text: '});\n', title: 'function retry(request)' }), 'function retry(request)');
  });

  it('skips lines of closers and comment openers to the first line that says something', () => {
    assert.equal(passageTitle({ text: '  });\n}\n\n/**\n * Retries a request with backoff.\n */' }), 'Retries a request with backoff.');
    assert.equal(passageTitle({ text: '{\n]\n*/\nend\n  const delay = backoff(attempt);' }), 'const delay = backoff(attempt);');
  });

  it('never names a passage by a bare closer: none of these is a title', () => {
    for (const line of ['});', '}', '{', '/**', '*/', ']', 'end', 'fi', 'done', ')', '};', '*', '//', '-->', 'END;', 'end if']) {
      assert.equal(meaningfulLine(line), undefined, line);
    }
  });

  it('keeps Markdown headings and comment text without their markers', () => {
    assert.equal(passageTitle({ text: '## Exponential backoff\n\nWait longer.' }), 'Exponential backoff');
    assert.equal(passageTitle({ text: '// Honour Retry-After first' }), 'Honour Retry-After first');
    assert.equal(passageTitle({ text: '/* a block comment */' }), 'a block comment');
  });

  it('is empty for a passage of closers only', () => {
    assert.equal(passageTitle({ text: '  }\n});\n' }), '');
  });

  it('shortens a long line and removes control characters', () => {
    const title = passageTitle({ text: `${'word '.repeat(40)}` });
    assert.ok(title.length <= 80 && title.endsWith('…'), title);
    assert.equal(passageTitle({ text: 'red\u001b[31m text' }), 'red [31m text');
  });
});

describe('meaningfulLine', () => {
  it('removes bidi controls as it does other controls, so a title cannot reorder what follows it', () => {
    assert.equal(meaningfulLine('// \u202eevil\u202c title\u0007'), 'evil  title');
  });
});

describe('dedent', () => {
  it('removes the indentation every non-blank line shares', () => {
    assert.equal(dedent('    if (x) {\n      go();\n    }'), 'if (x) {\n  go();\n}');
  });

  it('ignores blank lines when finding the common indentation, and empties them', () => {
    assert.equal(dedent('\t\ta\n\n   \n\t\tb'), 'a\n\n\nb');
  });

  it('leaves text with a line at the margin as it is', () => {
    const text = 'top\n    nested';
    assert.equal(dedent(text), text);
  });

  it('keeps Windows line endings', () => {
    assert.equal(dedent('  a\r\n    b\r\n'), 'a\r\n  b\r\n');
  });

  it('shares only the common prefix when tabs and spaces mix', () => {
    assert.equal(dedent('  \tx\n  y'), '\tx\ny');
  });
});
