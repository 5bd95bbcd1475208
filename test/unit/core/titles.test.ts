import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { titlesForRanges } from '../../../src/core/titles';
import { MAX_TITLE_LENGTH } from '../../../src/core/titleText';

// Fixtures carry a ".txt" suffix so the type checker and linter leave them alone; the title
// rules go by the name without it.
function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/titles', `${name}.txt`), 'utf8');
}

/** The 1-based line of the first line of `text` that contains `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  assert.ok(index >= 0, `no line contains ${marker}`);
  return index + 1;
}

/** The title of a passage of a few lines starting at the line that contains `marker`. */
function titleAt(name: string, marker: string, text = fixture(name)): string | undefined {
  const start = lineOf(text, marker);
  return titlesForRanges(text, name, [{ startLine: start, endLine: start + 3 }])[0];
}

describe('titles: Markdown', () => {
  const md = 'guide.md';

  it('titles a passage by the heading above it, with its parent heading', () => {
    assert.equal(titleAt(md, 'Install the `.deb` package'), 'Install the extension › Linux');
  });

  it('reads setext headings, "=" as level 1 and "-" as level 2', () => {
    assert.equal(titleAt(md, 'Rerank orders text'), 'Rerank');
    assert.equal(titleAt(md, 'Open the Extensions view'), 'Rerank › Install the extension');
    assert.equal(titleAt(md, 'Everything lives under'), 'Rerank › Settings');
  });

  it('takes no heading from fenced code, front matter, a thematic break or a list item over "---"', () => {
    assert.equal(titleAt(md, 'npm install --global'), 'Rerank › Install the extension');
    assert.equal(titleAt(md, 'print("hello")'), 'Install the extension › Linux');
    assert.equal(titleAt(md, 'tags: [search]'), undefined);
    assert.equal(titleAt(md, '- a list item'), 'Rerank › Settings');
  });

  it('gives a passage that starts on a heading (or blank lines before it) that heading', () => {
    const text = fixture(md);
    const heading = lineOf(text, '#### API keys');
    assert.deepEqual(titlesForRanges(text, md, [{ startLine: heading, endLine: heading + 2 }, { startLine: heading - 1, endLine: heading + 2 }]), [
      'Settings › API keys',
      'Settings › API keys',
    ]);
  });

  it('titles a passage before the first heading as nothing', () => {
    assert.deepEqual(titlesForRanges('Just text.\n\n# Later\n', 'notes.md', [{ startLine: 1, endLine: 1 }]), [undefined]);
  });

  it('reads reStructuredText titles, their levels in order of first appearance', () => {
    const rst = ['=====', 'Guide', '=====', '', 'Intro.', '', 'Install', '-------', '', 'Text.', '', 'Linux', '~~~~~', '', 'More.', '', 'Usage', '-----', ''].join('\n');
    const titles = titlesForRanges(rst, 'docs/index.rst', [5, 10, 15, 18].map((line) => ({ startLine: line, endLine: line })));
    assert.deepEqual(titles, ['Guide', 'Guide › Install', 'Install › Linux', 'Guide › Usage']);
  });
});

describe('titles: TypeScript', () => {
  const ts = 'src/panel.ts';
  const at = (marker: string): string | undefined => titleAt(ts, marker, fixture('panel.ts'));

  it('titles a method by its class, over a signature that spans lines', () => {
    assert.equal(at('if (items.length === 0)'), 'class ResultsPanel › render');
    assert.equal(at('this.disposables.push'), 'class ResultsPanel › constructor');
    assert.equal(at('this.disposables.forEach'), 'class ResultsPanel › dispose');
  });

  it('titles an arrow function assigned to a class field by its name', () => {
    assert.equal(at("case 'open'"), 'class ResultsPanel › onMessage');
  });

  it('titles a passage that starts with a doc comment by the declaration after it', () => {
    assert.equal(at('/** Draws the rows. */'), 'class ResultsPanel › render');
    assert.equal(at('/** The results panel'), 'class ResultsPanel');
  });

  it('titles interfaces, type aliases and const arrow functions', () => {
    assert.equal(at('onOpen: (uri: string) => void;'), 'interface PanelOptions');
    assert.equal(at('export type RowKind'), 'type RowKind');
    assert.equal(at('return score.toFixed(3);'), 'formatScore');
  });

  it('titles object-literal methods by the object', () => {
    assert.equal(at('return vscode.Uri.parse(uri);'), 'const panelCommands › reveal');
    assert.equal(at('await vscode.env.clipboard'), 'const panelCommands › copy');
  });

  it('titles an export default function by its name', () => {
    assert.equal(at('context.subscriptions.push(new'), 'registerPanel');
  });

  it('titles test blocks by describe and it', () => {
    const name = 'test/panel.test.ts';
    const text = fixture('panel.test.ts');
    assert.equal(titleAt(name, 'assert.equal(rows().length', text), 'describe ResultsPanel › it renders one row per result');
    assert.equal(titleAt(name, 'assert.ok(message())', text), 'describe when empty › it shows a message');
    assert.equal(titleAt(name, 'reset();', text), 'describe ResultsPanel');
  });

  it('gives a line outside every declaration no title', () => {
    assert.equal(at("import * as vscode from 'vscode';"), undefined);
  });
});

describe('titles: Python', () => {
  const py = 'rank/ranker.py';
  const at = (marker: string): string | undefined => titleAt(py, marker, fixture('ranker.py'));

  it('titles methods by their class, async def included', () => {
    assert.equal(at('self.k1 = k1'), 'class Bm25Ranker › __init__');
    assert.equal(at('return sorted(passages'), 'class Bm25Ranker › rank');
  });

  it('titles a passage that starts with decorators by the function they decorate', () => {
    assert.equal(at('@property'), 'class Bm25Ranker › name');
    assert.equal(at('@staticmethod'), 'class Bm25Ranker › idf');
  });

  it('titles a nested function by its two innermost levels', () => {
    assert.equal(at('return len(passage)'), 'rank › score');
  });

  it('keeps a docstring line at column 0 inside its class', () => {
    assert.equal(at('A docstring line at column 0'), 'class Bm25Ranker');
  });

  it('ends a scope at the next line indented no deeper', () => {
    assert.equal(at('return text.lower()'), 'tokenize');
    assert.equal(at('DEFAULT_K1 = 1.2'), undefined);
  });
});

describe('titles: Go', () => {
  const go = 'server/server.go';
  const at = (marker: string): string | undefined => titleAt(go, marker, fixture('server.go'));

  it('titles a method by its receiver type', () => {
    assert.equal(at('<-ctx.Done()'), 'Server.Start');
    assert.equal(at('// Start listens until ctx ends.'), 'Server.Start');
  });

  it('titles functions, structs and interfaces', () => {
    assert.equal(at('return &Server{addr: addr}'), 'NewServer');
    assert.equal(at('handler http.Handler'), 'struct Server');
    assert.equal(at('Rank(query string'), 'interface Ranker');
  });

  it('gives the import block no title', () => {
    assert.equal(at('"net/http"'), undefined);
  });
});

describe('titles: Rust', () => {
  const rs = 'src/tokens.rs';
  const at = (marker: string): string | undefined => titleAt(rs, marker, fixture('tokens.rs'));

  it('titles functions in impl blocks by the impl', () => {
    assert.equal(at('write!(f, "{}", self.text)'), 'impl fmt::Display for Token › fmt');
    assert.equal(at('(**self).score(token)'), 'impl Scorer for Box<T> › score');
  });

  it('titles impl blocks, traits and structs by their module', () => {
    assert.equal(at('impl fmt::Display for Token {'), 'mod tokens › impl fmt::Display for Token');
    assert.equal(at('fn score(&self, token: &Token) -> f64;'), 'trait Scorer › score');
    assert.equal(at('#[derive(Debug, Clone)]'), 'mod tokens › struct Token');
  });

  it('titles pub(crate) async functions and test modules', () => {
    assert.equal(at('Vec::new()'), 'load_tokens');
    assert.equal(at('assert_eq!(2 + 2, 4);'), 'mod tests › displays_text');
  });
});

describe('titles: other languages, by the same keywords and indentation', () => {
  const cases: [path: string, lines: string[], marker: string, title: string][] = [
    ['App.java', ['public class App {', '    @Override', '    public void run(String[] args) throws IOException {', '        System.out.println(args);', '    }', '}'], 'println', 'class App › run'],
    ['Service.cs', ['namespace Shop', '{', '    public class Cart', '    {', '        [HttpGet]', '        public async Task<int> CountAsync(string id)', '        {', '            return 1;', '        }', '    }', '}'], 'return 1;', 'class Cart › CountAsync'],
    ['list.c', ['static struct node *next_node(struct node *n)', '{', '#ifdef DEBUG', '\ttrace(n);', '#endif', 'out:', '\treturn n->next;', '}'], 'return n->next', 'next_node'],
    ['foo.cpp', ['class Foo : public Bar {', 'public:', '  void bar() const {', '    std::cout << x_;', '  }', '};', 'void Foo::baz(int y) {', '  use(y);', '}'], 'std::cout', 'class Foo › bar'],
    ['foo.cpp', ['class Foo : public Bar {', 'public:', '  int x_;', '};', 'void Foo::baz(int y) {', '  use(y);', '}'], 'use(y)', 'Foo::baz'],
    ['cart.rb', ['module Shop', '  class Cart < Base', '    def add(item)', '      items << item', '    end', '  end', 'end'], 'items << item', 'class Cart › add'],
    ['cart_spec.rb', ['describe Cart do', '  it "adds items" do', '    expect(cart).to be_full', '  end', 'end'], 'be_full', 'describe Cart › it adds items'],
    ['Controller.php', ['<?php', 'class Controller', '{', '    public function index($request)', '    {', "        return view('x');", '    }', '}'], 'return view', 'class Controller › index'],
    ['Greeter.kt', ['class Greeter {', '    fun greet(name: String): String {', '        return "Hi"', '    }', '}'], 'return "Hi"', 'class Greeter › greet'],
    ['Point.swift', ['struct Point {', '    mutating func move(by d: Int) {', '        x += d', '    }', '}'], 'x += d', 'struct Point › move'],
    ['deploy.sh', ['#!/bin/sh', 'build() {', '  make all', '}', 'function deploy {', '  rsync -a out/ host:', '}'], 'rsync', 'deploy'],
  ];
  for (const [path, lines, marker, title] of cases) {
    it(`${path}: ${title}`, () => {
      assert.equal(titleAt(path, marker, lines.join('\n')), title);
    });
  }
});

describe('titles: files without titles', () => {
  it('gives a script with no declarations no titles', () => {
    const text = fixture('build.js');
    const lines = text.split('\n').length;
    const ranges = Array.from({ length: lines }, (_, i) => ({ startLine: i + 1, endLine: i + 1 }));
    assert.deepEqual(titlesForRanges(text, 'build.js', ranges), ranges.map(() => undefined));
  });

  it('gives data and plain text no titles', () => {
    assert.deepEqual(titlesForRanges('{"class": "Foo"}', 'data.json', [{ startLine: 1, endLine: 1 }]), [undefined]);
    assert.deepEqual(titlesForRanges('# Not a heading in a text file', 'notes.txt', [{ startLine: 1, endLine: 1 }]), [undefined]);
  });

  it('gives ranges outside the file no title', () => {
    assert.deepEqual(titlesForRanges('def f():\n    pass\n', 'a.py', [{ startLine: 9, endLine: 12 }, { startLine: 2, endLine: 1 }]), [undefined, undefined]);
  });
});

describe('titles: shape', () => {
  it('reads CRLF files as LF ones', () => {
    const text = fixture('ranker.py');
    const start = lineOf(text, 'self.k1 = k1');
    const range = [{ startLine: start, endLine: start + 1 }];
    assert.deepEqual(titlesForRanges(text.replace(/\n/g, '\r\n'), 'ranker.py', range), titlesForRanges(text, 'ranker.py', range));
  });

  it('keeps titles short: the parent shortens first', () => {
    const text = `class Very${'Long'.repeat(40)}Name {\n  run() {\n    go();\n  }\n}\n`;
    const [title] = titlesForRanges(text, 'a.ts', [{ startLine: 3, endLine: 3 }]);
    assert.ok(title !== undefined && title.length <= MAX_TITLE_LENGTH, title);
    assert.match(title, /^class VeryLong.*… › run$/);
  });

  it('keeps titles on one line: no control or bidirectional characters from the source', () => {
    const text = '# Install\u001b[31m\u202e\u2028now\n\nText.\n';
    assert.deepEqual(titlesForRanges(text, 'a.md', [{ startLine: 3, endLine: 3 }]), ['Install [31m now']);
  });

  it('skips declarations on lines too long to be code a person wrote', () => {
    const text = `function ${'a'.repeat(600)}() {\n  return 1;\n}\n`;
    assert.deepEqual(titlesForRanges(text, 'min.js', [{ startLine: 2, endLine: 2 }]), [undefined]);
  });

  it('tells calls and statements from methods in C-like code', () => {
    const text = ['class A {', '  run() {', '    foo(bar);', '    if (x) {', '      console.log(x)', '    }', "    it('x', () => {", '    });', '  }', '}'].join('\n');
    const titles = titlesForRanges(text, 'a.ts', [3, 4, 5, 7].map((line) => ({ startLine: line, endLine: line })));
    assert.deepEqual(titles, ['class A › run', 'class A › run', 'class A › run', 'run › it x']);
  });
});
