// Tests on a candidate secret value: does it look random, is it a stand-in (a placeholder, a
// template, a reference to where the real value lives), or is it code rather than a literal.

/**
 * Random-looking: letters with digits (or 20 characters and more), at least 3 bits of Shannon
 * entropy per character, and mostly not words. Identifiers, paths and constants are made of
 * words (FlowPasswordRequiredV2, AZURE_TOKEN_CREDENTIALS, options.credential); a random key is
 * not: in random base62 of 20 characters and more, runs of four letters of one case cover more
 * than 60% of the string in under 2% of cases.
 */
export function looksRandom(value: string): boolean {
  if (!/[a-z]/i.test(value) || (!/\d/.test(value) && value.length < 20) || /\s/.test(value)) return false;
  // Versions (1.2.3), paths (/oauth2/v2.0/token), member accesses (config.tokenKeyType2), and
  // names whose every part is a word with maybe a number after it (token_sha256_to_refresh).
  if (/^v?\d+(?:\.\d+)+/.test(value) || /^\.{0,2}\//.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if (value.split(/[-_.]+/).every((part) => /^[A-Za-z]*\d*$/.test(part))) return false;
  const entropy = shannonEntropy(value);
  // Long one-case keys (base32, lowercase base36) are full of letter runs that look like words.
  if (value.length >= 32 && /\d/.test(value) && entropy >= 4.2) return true;
  return wordShare(value) <= 0.6 && entropy >= 3;
}

/** Share of characters in word-like runs: four or more letters of one case, or capitalised. */
function wordShare(value: string): number {
  let inWords = 0;
  for (const word of value.match(/[A-Z][a-z]{3,}|[a-z]{4,}|[A-Z]{4,}/g) ?? []) inWords += word.length;
  return inWords / value.length;
}

function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const STAND_IN_WORDS =
  /^(?:changeme|change_?it|change[_-]me|password\d*|passwd|pass|pwd|secret\d*|token|api[_-]?key|key|none|null|nil|undefined|true|false|yes|no|on|off|required|optional|string|str|number|int|bool(?:ean)?|any|unknown|object|default|empty|blank|hidden|masked|redacted|removed|omitted|secret_?here|example.*|sample.*|dummy.*|placeholder.*|fake.*|test(?:ing)?|todo|tbd|fixme|foo|bar|baz|foobar|qwerty|basic|bearer|digest|user(?:name)?|include|omit|same-origin|xyz\d*|abc\d*|1234.*|abcdef.*)$/i;

/** Values that stand in for a secret in examples, templates and code that reads it elsewhere. */
export function isPlaceholder(value: string): boolean {
  return (
    value.trim() === '' ||
    STAND_IN_WORDS.test(value) ||
    /^(?:x+|\*+|\.+|-+|_+|0+|#+|\?+|•+)$/i.test(value) ||
    /x{5,}|X{5,}|\*{3,}|•{3,}|\.\.\.|…|EXAMPLE|example|_here\b|-here\b|[Hh]ere$|REPLACE|[Rr]eplace[_ -]?[Mm]e|<[^>]*>/.test(value) ||
    /^(?:your|my|the|some|insert|enter|put)(?:[_\s-]|[A-Z])/.test(value) ||
    // Templates and references: ${VAR}, {{ .Values.x }}, $VAR, %VAR%, %(name)s, #{x}, @x@, [x].
    /\$\{|\{\{|\$\(|#\{|%\(?\w*\)?s\b|^\$[A-Za-z_]\w*$|^%\w+%$|^@\w+@$|^\[.*\]$|^\{\s*[\w.$-]*\s*\}$/.test(value) ||
    /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|env\.|ENV\[|System\.getenv|Deno\.env|config\.|settings\.|secrets\.|vars\.|self\.|this\.|props\.|options\.|opts\.|args\.)/.test(value) ||
    /^(?:arn:aws:|vault:|secretsmanager:|projects\/[^/]+\/secrets\/|sm:\/\/|op:\/\/|keyvault:)/.test(value)
  );
}

/** Type names a declaration gives a secret field (`password: string`). */
export function isTypeName(value: string): boolean {
  return /^(?:string|String|str|bytes|number|int|bool|boolean|Boolean|any|unknown|object|Buffer|Uint8Array|SecretStr|SecretString|Optional|Option|Secret|char|CharSequence|text|varchar|z\.string)$/.test(value);
}

/**
 * Looks like prose or a label rather than a secret: a sentence ("Enter your password."), or a
 * value that itself names a secret ("access_token", "Confirm password").
 */
export function looksLikeLabel(value: string): boolean {
  // Words found in camelCase too: IdToken, clientSecret, SuperSecretToken.
  const spaced = value.replace(/([a-z])([A-Z])/g, '$1 $2');
  if (/(?<![a-z])(?:pass(?:word|wd|phrase)?|secret|tokens?|(?:api|private|access)[\s_-]?key|credentials?|mot de passe|contraseña|passwort|senha|parola)(?![a-z])/i.test(spaced)) return true;
  // Versions and ranges (^1.10.0, ~2.3, >=4), paths, URLs, hex and plain numbers: what code assigns.
  if (/^(?:[\^~<>=]*v?\d+(?:\.[\dx*]+)+\S*|[~.]?\/\S*|[A-Za-z]:\\\S*|[a-z][a-z0-9+.-]*:\/\/\S*|0x[0-9a-f]{1,16}|\d+)$/i.test(value)) return true;
  // Sentence case without digits: "Access token", "Jeton d'accès".
  if (/^[A-Z][a-z\u00e0-\u00ff']*(?:[ '][a-z\u00e0-\u00ff']+)+[.!?]?$/.test(value)) return true;
  if (/[.:?!]\s*$/.test(value) && /\s/.test(value) && !/\d/.test(value)) return true;
  if (/\b(?:the|your|please|must|enter|invalid|required|should|cannot|can't|is|are|was|not|for|with|this|that|or|and|an?|of|to)\b/i.test(value) && /\s/.test(value)) return true;
  // A key name: dotted, camelCase or CONSTANT_CASE words without a digit (msal.cache.key, authToken).
  // Lower-case words joined by "-" or "_" stay: a password is often made that way.
  if (/^[a-z]+(?:\.[a-z]+)+$/.test(value) || /^[a-z]+(?:[A-Z][a-z]+)+$/.test(value) || /^[A-Z]+(?:_[A-Z]+)+$/.test(value)) return true;
  return false;
}

/** A token's tail that only stands in for one: EXAMPLE, runs of x or *, "your_key". */
export function isPlaceholderToken(token: string): boolean {
  return /EXAMPLE|[Ee]xample|x{5,}|X{5,}|\*{3,}|\.\.\.|<|>|YOUR|[Yy]our[_-]|0{10,}|(?:0123456789|1234567890){2}|abcdefghij|ABCDEFGHIJ/.test(token);
}
