// A name as a glob that matches only that name, for the globs of compileGlobs (settings, --include
// and --exclude). A backslash is a path separator there, so each glob character is written as a
// one-character class instead: "a[1]" is "a[[]1[]]". A backslash in a name cannot be written.

/** Characters that mean something in a glob: wildcards, classes and brace groups. */
const GLOB_CHARACTERS = /[*?[\]{}]/g;

/** `name` (a path of "/"-separated names, too) as a glob that matches it literally. */
export function escapeGlob(name: string): string {
  return name
    .replace(GLOB_CHARACTERS, '[$&]')
    // A leading "#" makes a comment line, and patterns are trimmed.
    .replace(/^[#\s]|\s$/g, '[$&]');
}
