// The codicons the panel draws (VS Code's icon font, shipped in dist/codicons/). One list, so a
// test checks every name against the font's stylesheet: a misspelt icon would draw nothing.

export const CODICONS = [
  'arrow-up',
  'arrow-down',
  'dash',
  'arrow-swap',
  'diff-added',
  'diff-removed',
  'chevron-right',
  'chevron-down',
  'json',
  'table',
  'markdown',
  'copy',
] as const;

export type Codicon = (typeof CODICONS)[number];
