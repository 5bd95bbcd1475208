// A file's Markdown fence language from its name: VS Code language ids for the common cases.

const BY_EXTENSION: Readonly<Record<string, string>> = {
  ts: 'typescript', tsx: 'typescriptreact', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript',
  py: 'python', rb: 'ruby', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', kts: 'kotlin',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', cs: 'csharp', fs: 'fsharp',
  swift: 'swift', m: 'objective-c', php: 'php', scala: 'scala', lua: 'lua', r: 'r', jl: 'julia',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ps1: 'powershell',
  md: 'markdown', mdx: 'mdx', rst: 'restructuredtext', txt: 'plaintext',
  json: 'json', jsonc: 'jsonc', yaml: 'yaml', yml: 'yaml', toml: 'toml', xml: 'xml', ini: 'ini',
  html: 'html', htm: 'html', css: 'css', scss: 'scss', less: 'less', vue: 'vue', svelte: 'svelte',
  sql: 'sql', graphql: 'graphql', proto: 'proto', dockerfile: 'dockerfile', tf: 'terraform',
};

const BY_NAME: Readonly<Record<string, string>> = { dockerfile: 'dockerfile', makefile: 'makefile' };

/** The language id for a path or URI, or "" when unknown (an unlabelled fence). */
export function languageIdForPath(pathOrUri: string): string {
  const name = (pathOrUri.split(/[/\\]/).pop() ?? '').toLowerCase();
  if (BY_NAME[name]) return BY_NAME[name];
  const dot = name.lastIndexOf('.');
  return dot > 0 ? (BY_EXTENSION[name.slice(dot + 1)] ?? '') : '';
}
