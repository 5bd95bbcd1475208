// The file system the sources read through, passed in: node:fs in the CLI (src/sources/nodeFs.ts),
// vscode.workspace.fs in the extension. Paths are strings joined with "/" (Node accepts them on
// Windows too; the extension maps them to URIs with `root.with({ path })`).

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  /** What the entry itself is: a symlink is reported as 'symlink', not followed. */
  type: EntryType;
}

export interface SourceFs {
  readDirectory(path: string): Promise<DirEntry[]>;
  /**
   * Type and size of what `path` points to, following symlinks, and its modification time in
   * milliseconds where the file system tells it (the workspace index needs it to trust a file).
   */
  stat(path: string): Promise<{ type: EntryType; size: number; mtime?: number }>;
  /**
   * The path with every symlink resolved. Without it, symlinked folders are not followed:
   * loops could not be told apart from new folders.
   */
  realpath?(path: string): Promise<string>;
  /**
   * The file's bytes, or undefined when it holds more than `maxBytes` (found out without
   * reading them where the file system allows).
   */
  readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /**
   * readFile for a synchronous file system, into a buffer it reuses: the bytes are valid until
   * the next call. The collector decodes them at once, and takes this over readFile when offered
   * (no allocation, no promise per file), so a wrapper that changes readFile changes this too.
   */
  readFileTransient?(path: string, maxBytes: number): Uint8Array | undefined;
  /**
   * The file's first `bytes` bytes (all of a shorter file), read without the rest: tells a file
   * over the size limit binary. Without it, such a file is reported as too large.
   */
  readHead?(path: string, bytes: number): Promise<Uint8Array>;
}

/** `dir` + "/" + `name`, without doubling a trailing separator. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : `${dir}/${name}`;
}

/** The last segment of a path ("/a/b.txt" -> "b.txt"), with either separator. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1) || trimmed;
}

/** A short reason for a failed call: the error code ("EACCES") or the message. */
export function errorReason(err: unknown): string {
  return (err as { code?: string })?.code ?? (err as Error)?.message ?? String(err);
}

/**
 * Whether `path` is `folder` or inside it, both absolute "/"-separated paths already normalized
 * (no "." or ".." segments: vscode.Uri.joinPath and Uri.file give such paths). `ignoreCase` for
 * file systems that ignore it (Windows).
 */
export function isPathWithin(folder: string, path: string, ignoreCase = false): boolean {
  const f = ignoreCase ? folder.toLowerCase() : folder;
  const p = ignoreCase ? path.toLowerCase() : path;
  if (p === f) return true;
  return p.startsWith(f.endsWith('/') ? f : `${f}/`);
}

/**
 * Whether a real path lies inside one of `bounds` (real paths too). Separators are compared as
 * "/", and Windows paths (a drive letter or a UNC share: a real path elsewhere starts with one
 * "/") without case. Decided by the path, not the process, so the web worker needs no `process`.
 */
export function isWithinBounds(bounds: readonly string[], realPath: string): boolean {
  const path = realPath.replace(/\\/g, '/');
  const ignoreCase = /^([a-z]:\/|\/\/)/i.test(path);
  return bounds.some((bound) => isPathWithin(bound.replace(/\\/g, '/'), path, ignoreCase));
}
