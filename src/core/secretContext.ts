// Secrets told by their context rather than their shape: a value assigned to a name that says
// "secret" (DB_PASSWORD=..., "api_key": "...", <password>...</password>), the password field of a
// .pgpass or .netrc line, the data of a Kubernetes Secret.

import type { Shape } from './secretShapes';
import { isPlaceholder, isTypeName, looksLikeLabel, looksRandom } from './secretValues';

/** "password" in any case: [Pp][Aa]... */
const anyCase = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
/** A short word only where it starts a word: lower after a non-letter, Capitalised, or UPPER after a non-capital. */
const shortWord = (word: string): string =>
  `(?<![A-Za-z])${word}(?![a-z])|${word[0]?.toUpperCase()}${word.slice(1)}(?![a-z])|(?<![A-Z])${word.toUpperCase()}(?![A-Z])`;

const SECRET_WORD = [
  ...['passw(?:or)?d', 'passphrase', 'secret', 'token', 'credentials?', 'api[_-]?key', 'access[_-]?key', 'private[_-]?key', 'account[_-]?key', 'auth[_-]?key', 'signing[_-]?key', 'encryption[_-]?key', 'master[_-]?key'].map(anyCase),
  ...['mnemonic', 'seed[_-]?phrase', '(?:admin|app|client|server|service|write|session|hmac|shared|webhook)[_-]?key'].map(anyCase),
  ...['pass', 'pwd', 'pw', 'auth', 'pat'].map(shortWord),
].join('|');

/**
 * NAME = "value", NAME: value, "NAME": "value", NAME := value, NAME => 'value'; the name may be
 * part of a longer identifier (GITHUB_TOKEN, dbPassword, client_secret_v2). Group 1 is the secret
 * word, 2 what follows it in the name, 3-5 a value in double, single or back quotes, 6 one in
 * escaped double quotes (code inside a JSON string: a notebook cell), 7 an unquoted value: what a
 * password or key is made of; brackets, quotes, spaces, commas and semicolons end it.
 */
export const ASSIGNED_PATTERN = new RegExp(
  `(${SECRET_WORD})([\\w.-]{0,40})\\\\?["']?\\]?[ \\t]*(?::=|=>|[?+]?=|:)(?!=)[ \\t]*` +
    `(?:"((?:[^"\\\\\\r\\n]|\\\\.){1,300})"|'((?:[^'\\\\\\r\\n]|\\\\.){1,300})'|\`([^\`\\r\\n]{1,300})\`|\\\\"([^"\\\\\\r\\n]{1,300})\\\\"|([^\\s"'\`,;(){}\\[\\]<>|\\\\]{1,300}))`,
  'dg',
);

/** What follows the secret word in a name and still leaves the name a secret's: _KEY, Value, 2. */
const STRONG_SUFFIX = /^(?:[_.-]?(?:key|token|secret|password|pass|pwd|value|val|str|string|b64|base64|hex|plain|raw|\d+|v\d+))*[_.-]?$/i;

/**
 * Whether a value assigned to a secret-like name is a secret. Random-looking values are; so are
 * words and passphrases when the name ends in the secret word (DB_PASSWORD, secretKey), unless
 * they are placeholders, references, labels, types or code.
 */
export function acceptAssigned(text: string, match: RegExpExecArray): boolean {
  const suffix = match[2] ?? '';
  const quoted = match[3] ?? match[4] ?? match[5] ?? match[6];
  const value = quoted ?? (match[7] as string);
  if (isPlaceholder(value) || looksLikeLabel(value)) return false;
  // Words are taken for a password, a secret, a token or an API key, not for "auth", "credentials", "session_key".
  const word = match[1] as string;
  const weak = /^(?:auth|credentials?|pat)$/i.test(word) || (/key$/i.test(word) && !/^(?:api|access|private|secret|signing|encryption|master|account)[_-]?key$/i.test(word));
  // existingSecret: app-db (Helm) names a Secret object; it does not hold one.
  const named = /existing[_.-]?$/i.test(text.slice(Math.max(0, match.index - 9), match.index));
  const strong = !weak && !named && STRONG_SUFFIX.test(suffix);
  if (quoted !== undefined) {
    // Escapes (source code inside JSON, a source map) and padding are not a secret's.
    if (/^\s|\s$|\\[nrt"]/.test(quoted) || /\$\{|\{\{|\\\(/.test(quoted)) return false;
    if (looksRandom(quoted)) return true;
    // Words, not in a template literal (code), in Latin script (not a translation: "予期しないトークンです。").
    return strong && match[5] === undefined && quoted.length >= 6 && !isTypeName(quoted) && /^[\x20-\x7e\u00a0-\u00ff]+$/.test(quoted);
  }
  const end = match.indices?.[7]?.[1] ?? 0;
  const next = text.charAt(end);
  // Code, not a literal: a call, an index, a member access, a type annotation.
  if (next === '(' || next === '[' || next === '<' || isTypeName(value) || value.endsWith('.')) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if (/^(?:new|await|typeof|function|return|require|import|lambda|fn|func|async|get|match|if)$/.test(value)) return false;
  if (looksRandom(value)) return true;
  // Words: what a password is made of, starting with a letter or digit (not "=await", "::before").
  if (!strong || value.length < 6 || !/^[A-Za-z0-9][\w!@#$%^*+\-.~]*$/.test(value)) return false;
  // A bare identifier in code is a variable; in a config file (KEY=value, key: value at the end
  // of a line, db.password=value) it is the literal. Identifiers with a digit are taken either way.
  if (/^[A-Za-z_$][\w$]*$/.test(value) && !/\d/.test(value)) return isConfigLine(text, match, end);
  return true;
}

/** The match is the whole of a config line: `NAME=value`, `export NAME=value`, `key: value`. */
function isConfigLine(text: string, match: RegExpExecArray, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', match.index) + 1;
  const head = text.slice(lineStart, match.index);
  const lineEnd = text.indexOf('\n', end);
  const tail = text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim();
  if (tail !== '' && !tail.startsWith('#')) return false;
  return /^\s*(?:export\s+|-\s+)?[\w.-]*$/.test(head) && !/\s=\s/.test(match[0]);
}

const NAMED = '[\\w.-]*(?:[Pp]ass(?:word|wd)?|PASS(?:WORD|WD)?|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]pi[_-]?[Kk]ey|API_?KEY|[Aa]ccess[_-]?[Kk]ey|ACCESS_KEY|[Pp]rivate[_-]?[Kk]ey|PRIVATE_KEY|[Cc]redentials?|CREDENTIALS?)[\\w.-]*';
const notStandIn = (s: string): boolean => !isPlaceholder(s) && !looksLikeLabel(s) && !isTypeName(s);

/** File shapes and markup that say "this is a password" without NAME = value. */
export const CONTEXT_SHAPES: readonly Shape[] = [
  // .pgpass: hostname:port:database:username:password, a line of its own (\: escapes a colon).
  {
    kind: 'password-file', gates: [':'],
    // Matching starts at ":port:", the host checked behind it: a pattern tried at every line start is slow.
    source: ':(?:[0-9]{1,5}|\\*):(?<=(?<![^\\n])[A-Za-z0-9._*-]{1,100}:(?:[0-9]{1,5}|\\*):)[^:\\s]+:[^:\\s]+:((?:\\\\.|[^\\s\\\\:]){3,128})(?=\\r?\\n|$(?![\\s\\S]))',
    accept: (s) => !isPlaceholder(s) && !/^[0-9]+$/.test(s),
  },
  // .netrc: machine HOST login USER password PASS, on one line or several.
  { kind: 'password-file', gates: ['password'], source: '\\b(?:machine\\s+\\S+(?:\\s+(?:login|account)\\s+\\S+)*|default(?:\\s+(?:login|account)\\s+\\S+)+)\\s+password\\s+(\\S+)', accept: (s) => !isPlaceholder(s) },
  // XML: <password>...</password>, <apiKey>...</apiKey> (Maven settings, app configs).
  { kind: 'assigned-secret', gates: ['</'], source: `<(?:\\w+:)?${NAMED}>([^<\\s][^<\\r\\n]{2,255})</`, accept: notStandIn },
  // .NET appSettings: <add key="ApiKey" value="..." />.
  { kind: 'assigned-secret', gates: ['value='], source: `\\bkey=["']${NAMED}["']\\s+value=["']([^"'\\r\\n]{3,256})["']`, accept: notStandIn },
  // Key and value as siblings (Postman environments, JSON settings lists): "key": "apiKey", "value": "...".
  {
    kind: 'assigned-secret',
    gates: ['value'],
    source: `\\bkey["']?\\s*:\\s*["']${NAMED}["']\\s*,\\s*["']?value["']?\\s*:\\s*["']([^"'\\r\\n]{3,256})["']`,
    accept: notStandIn,
  },
  // PHP: define('DB_PASSWORD', '...'), WordPress keys and salts.
  { kind: 'assigned-secret', gates: ['define('], source: "\\bdefine\\(\\s*[\"'][A-Z_]*(?:PASSWORD|SECRET|KEY|SALT|TOKEN)[A-Z_]*[\"']\\s*,\\s*[\"']([^\"'\\r\\n]{3,256})[\"']", accept: notStandIn },
  // Command lines: --password VALUE, docker login -p VALUE, mysql -pVALUE, sshpass -p VALUE; redis.conf requirepass.
  { kind: 'assigned-secret', gates: ['--'], source: '--(?:password|passwd|token|api-key|secret|client-secret)[ \\t]+["\']?([^\\s"\'$<{-][^\\s"\']{2,})', accept: notStandIn },
  { kind: 'assigned-secret', gates: ['login', 'sshpass'], source: '\\b(?:docker\\s+login|sshpass)\\b[^\\n]*?\\s-p[ \\t]+["\']?([^\\s"\'$<{][^\\s"\']{2,})', accept: (s) => !isPlaceholder(s) },
  { kind: 'assigned-secret', gates: ['mysql'], source: '\\bmysql(?:dump|admin)?\\b[^\\n]*?\\s-p([^\\s"\'$<{][^\\s"\']{2,})', accept: (s) => !isPlaceholder(s) },
  { kind: 'assigned-secret', gates: ['requirepass', 'masterauth'], source: '\\b(?:requirepass|masterauth)[ \\t]+["\']?([^\\s"\']{3,})', accept: notStandIn },
  // Gradle (Android signing): storePassword "...", keyPassword '...'.
  { kind: 'assigned-secret', gates: ['Password'], source: '\\b(?:store|key)Password[ \\t]+["\']([^"\'\\r\\n]{3,})["\']', accept: notStandIn },
  // A passphrase left unquoted at the end of a config line (YAML, INI, .properties):
  // `password: correct horse battery staple`. The line start is checked behind the name.
  {
    kind: 'assigned-secret',
    gates: ['assw', 'ASSW', 'assphrase', 'ASSPHRASE', 'ecret', 'ECRET'],
    source:
      '(?:[Pp]ass(?:word|wd|phrase)|PASS(?:WORD|WD|PHRASE)|[Ss]ecret|SECRET)(?<=(?<![^\\n])[ \\t]*(?:export[ \\t]+|-[ \\t]+)?[\\w.-]{0,40})' +
      '[ \\t]*[:=][ \\t]*([A-Za-z0-9!@#$%^&*+~.-]+(?:[ \\t]+[A-Za-z0-9!@#$%^&*+~.-]+){1,7})[ \\t]*(?=\\r?\\n|$(?![\\s\\S]))',
    accept: (s) => notStandIn(s) && !/[.!?:]$/.test(s),
  },
  // Terraform: variable "db_password" { default = "..." }.
  { kind: 'assigned-secret', gates: ['variable'], source: `\\bvariable\\s+"${NAMED}"\\s*\\{[^}]*?\\bdefault\\s*=\\s*"([^"\\r\\n]{3,256})"`, accept: notStandIn },
  // Kubernetes and compose env lists: - name: DB_PASSWORD / value: "...".
  {
    kind: 'assigned-secret', gates: ['value:'],
    source: `\\bname:[ \\t]*["']?${NAMED}["']?[ \\t]*\\r?\\n[ \\t]*value:[ \\t]*["']?([^"'\\s][^"'\\r\\n]{2,255}?)["']?[ \\t]*(?=\\r?\\n|$(?![\\s\\S]))`,
    accept: (s) => !isPlaceholder(s) && !isTypeName(s),
  },
];

/** Value spans of a Kubernetes Secret's data and stringData, in YAML or JSON. */
export function kubernetesSecretSpans(text: string): [number, number][] {
  if (!text.includes('Secret')) return [];
  const spans: [number, number][] = [];
  if (/"kind"\s*:\s*"Secret"/.test(text)) {
    for (const block of text.matchAll(/"(?:data|stringData)"\s*:\s*\{([^{}]*)\}/dg)) {
      const at = block.indices?.[1]?.[0] ?? 0;
      for (const entry of (block[1] as string).matchAll(/"[^"\n]*"\s*:\s*"([^"\n]+)"/dg)) {
        const range = entry.indices?.[1];
        if (range) spans.push([at + range[0], at + range[1]]);
      }
    }
  }
  // YAML: each document (between --- lines) that says kind: Secret.
  const documents = text.split(/^(?=---)/m);
  let offset = 0;
  for (const doc of documents) {
    if (/^kind:[ \t]*["']?Secret["']?[ \t]*$/m.test(doc)) spans.push(...yamlDataSpans(doc, offset));
    offset += doc.length;
  }
  return spans;
}

/** The values under `data:` / `stringData:` keys of one YAML document, block scalars included. */
function yamlDataSpans(doc: string, offset: number): [number, number][] {
  const spans: [number, number][] = [];
  const lines = doc.split('\n');
  let at = 0;
  let blockIndent = -1;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (blockIndent >= 0 && content !== '' && indent <= blockIndent) blockIndent = -1;
    if (blockIndent < 0) {
      if (/^(?:data|stringData):\s*$/.test(content)) blockIndent = indent;
    } else if (content !== '' && !content.startsWith('#')) {
      const entry = /^([\w.-]+):[ \t]*(.*?)[ \t]*\r?$/.exec(line.slice(indent));
      const value = entry ? (entry[2] as string) : content;
      if (value !== '' && !/^[|>][-+]?$/.test(value)) {
        const start = at + line.lastIndexOf(value);
        const bare = value.replace(/^["']|["']$/g, '');
        const from = start + value.indexOf(bare);
        if (bare !== '') spans.push([offset + from, offset + from + bare.length]);
      }
    }
    at += line.length + 1;
  }
  return spans;
}
