// What a line of code declares, by common keywords across languages (no parser): classes,
// interfaces, structs, enums, traits, impl blocks, modules and namespaces ("class Foo"), functions
// and methods (their name: "render", "Panel.Render" for a Go method), functions and object
// literals assigned to names ("handler", "const commands"), and test blocks ("describe Panel",
// "it renders rows"). Scans are linear and bounded by the caller's line length cap.

/** How a language writes its methods. */
export interface DeclarationStyle {
  /**
   * Methods and functions may have no keyword (`render() {`, `int main(void)`, `foo() {` in
   * shell): C-family languages, JS/TS, Java, C#, Swift, shell. Off where every function has one
   * (Python, Go, Rust, Ruby...), so calls such as `raise Error(x)` are never taken for methods.
   */
  methodsWithoutKeyword: boolean;
}

/** Words that qualify a declaration without naming it. */
const MODIFIERS = new Set([
  'export', 'default', 'public', 'private', 'protected', 'internal', 'static', 'abstract', 'final',
  'async', 'pub', 'unsafe', 'extern', 'override', 'virtual', 'sealed', 'partial', 'open', 'data',
  'inline', 'suspend', 'readonly', 'declare', 'local', 'fileprivate', 'mutating', 'synchronized',
  'native', 'strictfp', 'constexpr', 'explicit', 'friend', 'operator', 'infix', 'tailrec', 'inner',
  'annotation', 'value', 'expect', 'actual', 'get', 'set', 'companion', 'required', 'convenience',
  'dynamic', 'lazy', 'implicit',
]);

/** Containers: what they hold is titled "class Foo › member". */
const CONTAINERS = new Set([
  'class', 'interface', 'struct', 'enum', 'trait', 'mod', 'module', 'namespace', 'protocol',
  'extension', 'object', 'union', 'record', 'defmodule',
]);

/** Keywords that introduce a function; the title is the function's name. */
const FUNCTIONS = new Set(['function', 'function*', 'def', 'defp', 'defmacro', 'fn', 'func', 'fun', 'sub']);

/** Words that start statements, never declarations: `if (x) {` is not a method named "if". */
const STATEMENTS = new Set([
  'if', 'else', 'for', 'foreach', 'while', 'do', 'switch', 'case', 'catch', 'try', 'finally',
  'return', 'throw', 'new', 'await', 'yield', 'typeof', 'delete', 'using', 'lock', 'fixed',
  'checked', 'unchecked', 'when', 'match', 'guard', 'defer', 'go', 'select', 'with', 'elif',
  'except', 'raise', 'assert', 'sizeof', 'in', 'of', 'not', 'and', 'or', 'echo', 'print', 'goto',
  'until', 'unless', 'loop', 'repeat', 'require', 'include', 'import', 'super', 'this', 'self',
]);

// What a line's first word says, in one lookup: a test block, a statement, or a word that may
// start a declaration (a variable's only with a function or object after it). Any other first
// word starts a statement, an assignment or a method.
const TEST = 1;
const STATEMENT = 2;
const KEYWORD = 4;
const VARIABLE = 8;
const FIRST_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...STATEMENTS].map((word) => [word, STATEMENT] as const),
  ...[...MODIFIERS, ...CONTAINERS, ...FUNCTIONS, 'impl', 'type', 'case', 'enum'].map((word) => [word, KEYWORD] as const),
  ...['const', 'let', 'var'].map((word) => [word, KEYWORD | VARIABLE] as const),
  ...['describe', 'context', 'suite', 'it', 'test', 'specify'].map((word) => [word, TEST] as const),
]);
const TEST_BLOCK = /^(describe|context|suite|it|test|specify)(?:\.(?:only|skip|todo|concurrent))?\s*\(\s*(['"`])/;
/** RSpec and minitest: `describe Cart do`, `it "adds items" do`. */
const RUBY_TEST_BLOCK = /^(describe|context|it|test|specify)\s+(['"]|(?=[A-Z]))/;

/** The label of what `line` (trimmed, at most a few hundred characters) declares, or undefined. */
export function declarationLabel(line: string, style: DeclarationStyle): string | undefined {
  const first = line.charCodeAt(0);
  // Declarations start with a letter, "_" or "$" (after "@annotation " below); most lines do not.
  if (!isIdentifierStart(first) && first !== 64 /* @ */) return undefined;
  const firstWord = leadingWord(line);
  const kind = FIRST_WORDS.get(firstWord) ?? (first === 64 ? KEYWORD : 0);
  if (kind & TEST) {
    const test = TEST_BLOCK.exec(line) ?? RUBY_TEST_BLOCK.exec(line);
    if (test) return testLabel(line, test);
  }
  // Most lines are statements (`foo.bar(x);`, `return a;`): settle them on their first word and
  // last character before any closer look. A line ending with ";" declares only when a keyword
  // starts it (`type Id = string;`) or it assigns a function (`const twice = (x) => 2 * x;`).
  if (kind === STATEMENT) return undefined;
  const keywordLine = (kind & KEYWORD) !== 0 && (kind & VARIABLE) === 0;
  if (!keywordLine && line.endsWith(';') && !line.includes('=>') && !line.includes('function')) return undefined;
  if (!(kind & KEYWORD)) return statementLabel(line, style);

  let rest = line;
  let modified = false;
  for (;;) {
    if (rest.startsWith('@')) {
      const end = rest.indexOf(' ');
      if (end < 0 || rest.slice(1, end).includes('(')) return undefined;
      rest = rest.slice(end).trimStart();
      continue;
    }
    const word = leadingWord(rest);
    const next = rest.slice(word.length);
    const modifier = MODIFIERS.has(word) || (word === 'const' && /^\s+fn\s/.test(next)); // Rust `const fn`
    if (!modifier || !(/^\s+[\w$"*]/.test(next) || (word === 'pub' && next.startsWith('(')))) break;
    rest = rest.slice(word.length).trimStart();
    if (rest.startsWith('(')) rest = rest.slice(closingIndex(rest, 0) + 1).trimStart(); // pub(crate)
    else if (rest.startsWith('"')) rest = rest.slice(rest.indexOf('"', 1) + 1).trimStart(); // extern "C"
    modified = true;
  }

  let word = leadingWord(rest);
  if (rest.startsWith('function*')) word = 'function*';
  const after = rest.slice(word.length);
  const spaced = /^\s/.test(after);
  if (word === 'impl' && (spaced || after.startsWith('<'))) return implLabel(after);
  if ((word === 'case' || word === 'enum') && /^\s+(?:class|object|struct)\s/.test(after)) {
    return containerLabel(word === 'enum' ? 'enum' : leadingWord(after.trimStart()), after.trimStart().replace(/^\w+\s+/, ''));
  }
  if (CONTAINERS.has(word) && spaced) {
    // C: `struct node *next_node(struct node *n)` is a function returning a struct.
    const name = qualifiedName(after.trimStart());
    const afterName = after.trimStart().slice(name.length).trimStart();
    if (style.methodsWithoutKeyword && /^(?:struct|union|enum)$/.test(word) && /^[\w*]/.test(afterName)) return methodLabel(rest, true);
    return containerLabel(word, after.trimStart());
  }
  if (word === 'type' && spaced) return typeLabel(after.trimStart());
  if (FUNCTIONS.has(word) && (spaced || after.startsWith('('))) return functionLabel(word, after.trimStart());
  if (word === 'const' || word === 'let' || word === 'var') {
    const assigned = assignedLabel(after.trimStart(), word);
    // C and C++: `const char *name(void)` returns a const type.
    return assigned ?? (word === 'const' && style.methodsWithoutKeyword ? methodLabel(after.trimStart(), true) : undefined);
  }
  if (word === 'fn' || word === '' || STATEMENTS.has(word)) return undefined;
  return assignedLabel(rest, undefined) ?? (style.methodsWithoutKeyword ? methodLabel(rest, modified) : undefined);
}

/**
 * A line that starts with no keyword declares only as an assignment (`NAME = ...`), a property
 * (`NAME: ...`) or, in C-like languages, a method (`NAME(` or `Type NAME(`); settle the common
 * statements (`foo.bar(x)`, `x += 1`) by the character after the first name.
 */
function statementLabel(line: string, style: DeclarationStyle): string | undefined {
  const name = qualifiedName(line);
  let i = name.length;
  while (line.charCodeAt(i) === 32) i++;
  const next = line.charCodeAt(i);
  if (next === 61 /* = */ || next === 58 /* : */) return assignedLabel(line, undefined);
  if (!style.methodsWithoutKeyword || (next === 40 /* ( */ && name.includes('.'))) return undefined;
  return methodLabel(line, false);
}

function testLabel(line: string, match: RegExpExecArray): string | undefined {
  const quote = match[2] as string;
  const start = match[0].length;
  const end = quote === '' ? start + qualifiedName(line.slice(start)).length : line.indexOf(quote, start);
  const name = line.slice(start, end < 0 ? undefined : end).trim();
  return name === '' ? undefined : `${match[1]} ${name}`;
}

function containerLabel(keyword: string, after: string): string | undefined {
  const name = qualifiedName(after);
  if (name !== '') return `${keyword} ${name}`;
  // An anonymous class (`export default class {`) still holds methods worth naming.
  return keyword === 'class' && /^(?:extends\b|\{|$)/.test(after) ? 'class' : undefined;
}

/** `impl<T> Display for Token<T> where ... {` -> "impl Display for Token<T>". */
function implLabel(after: string): string | undefined {
  let rest = after.trimStart();
  if (rest.startsWith('<')) rest = rest.slice(closingIndex(rest, 0) + 1).trimStart();
  const cut = rest.search(/\{|\bwhere\b/);
  const subject = (cut < 0 ? rest : rest.slice(0, cut)).trim().replace(/\s+/g, ' ');
  return subject === '' ? undefined : `impl ${subject}`;
}

/** Go `type Foo struct {` -> "struct Foo"; TS `type Props = {` and Go `type ID string` -> "type ...". */
function typeLabel(after: string): string | undefined {
  const name = identifier(after);
  if (name === '') return undefined;
  const kind = leadingWord(after.slice(name.length).trimStart());
  if (kind === 'struct' || kind === 'interface') return `${kind} ${name}`;
  return /^\s*(?:<|=|\[|\w)/.test(after.slice(name.length)) ? `type ${name}` : undefined;
}

function functionLabel(keyword: string, after: string): string | undefined {
  let rest = after;
  let receiver = '';
  // Go methods: `func (p *Panel) Render(` -> "Panel.Render".
  if (keyword === 'func' && rest.startsWith('(')) {
    const close = closingIndex(rest, 0);
    if (close < 0) return undefined;
    const type = rest.slice(1, close).trim().split(/\s+/).pop() ?? '';
    receiver = identifier(type.replace(/^[*&]+/, ''));
    rest = rest.slice(close + 1).trimStart();
  }
  // Kotlin `fun <T> name(`, Rust and Swift generics after the name are cut by `identifier`.
  if (rest.startsWith('<')) rest = rest.slice(closingIndex(rest, 0) + 1).trimStart();
  // Ruby and Kotlin: `def self.name`, `fun String.name(`.
  const name = qualifiedName(rest.replace(/^\*\s*/, ''));
  if (name === '') return undefined;
  return receiver === '' ? name : `${receiver}.${name}`;
}

/**
 * `NAME = function`, `NAME = (a) => {`, `NAME: async (a) => {` (properties and class fields),
 * `const NAME = {` (an object literal whose methods are titled by it), `const NAME = class`.
 */
function assignedLabel(text: string, keyword: string | undefined): string | undefined {
  const name = keyword === undefined ? qualifiedName(text) : identifier(text);
  if (name === '') return undefined;
  let rest = text.slice(name.length).trimStart();
  if (rest.startsWith(':') && keyword !== undefined) {
    // A type annotation (`const f: Handler = ...`): skip to the assignment.
    const eq = rest.search(/=[^=>]/);
    if (eq < 0) return undefined;
    rest = rest.slice(eq);
  }
  const isProperty = rest.startsWith(':') && !rest.startsWith('::') && !text.endsWith(';') && !text.endsWith(',');
  if (!isProperty && !(rest.startsWith('=') && !rest.startsWith('==') && !rest.startsWith('=>'))) return undefined;
  rest = rest.slice(1).trimStart();
  if (rest.startsWith('async ')) rest = rest.slice(6).trimStart();
  if (/^function\b/.test(rest) || isArrowFunction(rest)) return name;
  if (isProperty) return undefined;
  if (rest === '{') return keyword === undefined ? name : `${keyword} ${name}`;
  if (/^class\b/.test(rest)) return `class ${name}`;
  return undefined;
}

/** `(a, b) => ...`, `(a): T => ...`, `x => ...`, `<T>(a) => ...`. */
function isArrowFunction(text: string): boolean {
  let rest = text;
  if (rest.startsWith('<')) rest = rest.slice(closingIndex(rest, 0) + 1);
  if (rest.startsWith('(')) {
    const close = closingIndex(rest, 0);
    if (close < 0) return true; // parameters continue on the next lines
    rest = rest.slice(close + 1).trimStart();
    if (rest.startsWith(':')) return rest.includes('=>');
    return rest.startsWith('=>');
  }
  const param = identifier(rest);
  return param !== '' && rest.slice(param.length).trimStart().startsWith('=>');
}

/**
 * A method or function without a keyword: `render(): void {`, `public void run(String[] a) {`,
 * `int main(void)`, `void Foo::bar() const {`, `foo() {`. Calls look alike (`foo(x);`,
 * `console.log(x)`, `it('x', () => {`), so the shape after the parameters decides.
 */
function methodLabel(text: string, modified: boolean): string | undefined {
  const open = text.indexOf('(');
  if (open <= 0) return undefined;
  const close = closingIndex(text, open);
  const tail = close < 0 ? undefined : text.slice(close + 1).trim();
  // `: ReturnType {`, `-> T {`, `const {`, `throws IOException {`, C++ `: member(x) {`.
  const signatureTail = tail !== undefined && /^(?::|->|const\b|noexcept\b|override\b|final\b|throws\b|where\b)/.test(tail) && !tail.endsWith(';') && !tail.includes('=>');
  if (tail !== undefined && tail !== '{' && tail !== '' && !signatureTail) return undefined;
  const head = text.slice(0, open).trimEnd();
  if (!/^[\w$<>,.:~*&[\] ?]+$/.test(head)) return undefined;
  const words = head.replace(/\s*([<,])\s*/g, '$1').replace(/\s+>/g, '>').split(/\s+/);
  const name = (words.pop() ?? '').replace(/<.*$/, '').replace(/^[*&]+/, '');
  if (!/^~?[A-Za-z_$][\w$]*(?:::~?[A-Za-z_$][\w$]*)*$/.test(name)) return undefined;
  if (words.length > 4 || STATEMENTS.has(name) || words.some((w) => STATEMENTS.has(w))) return undefined;
  const typed = modified || words.length > 0 || name.includes('::') || name === 'constructor' || name === 'init';
  if (tail === '{' || (signatureTail && tail.endsWith('{'))) return name;
  return typed ? name : undefined; // a bare signature, or parameters that continue on the next lines
}

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c === 126 /* ~ */;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}

/** The word at the start of `text` (letters, digits, "_", "$"). */
function leadingWord(text: string): string {
  let i = 0;
  while (i < text.length && isIdentifierPart(text.charCodeAt(i)) && text.charCodeAt(i) !== 126) i++;
  return text.slice(0, i);
}

function identifier(text: string): string {
  const c = text.charCodeAt(0);
  return isIdentifierStart(c) && c !== 126 ? leadingWord(text) : '';
}

/** `Foo`, `Foo::Bar`, `self.name`, `App\Http`, `module.exports`: a name with its qualifiers. */
function qualifiedName(text: string): string {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isIdentifierPart(c) && c !== 126) i++;
    else if ((c === 46 /* . */ || c === 92 /* \ */ || (c === 58 /* : */ && text.charCodeAt(i + 1) === 58)) && i > 0) i += c === 58 ? 2 : 1;
    else break;
  }
  while (i > 0 && /[.:\\]/.test(text.charAt(i - 1))) i--;
  return text.slice(0, i);
}

/** Index of the bracket closing the one at `open` ("(", "<" or "["), or -1 when it is not on this line. */
function closingIndex(text: string, open: number): number {
  const opener = text.charCodeAt(open);
  const closer = opener === 40 ? 41 : opener === 60 ? 62 : 93;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i;
  }
  return -1;
}
