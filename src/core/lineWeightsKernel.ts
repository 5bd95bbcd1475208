// lineWeights through a WebAssembly SIMD kernel (src/core/lineWeights.wat, assembled into
// lineWeightsWasm.ts): 16 bytes of UTF-8 a step instead of one character, the same tables as
// lineWeightsJs (test/unit/core/tokens.test.ts compares the two). The sources bench prints both
// ways of decoding and weighing node_modules (npm run bench; bench/README.md).
//
// The kernel reads UTF-8: a file's bytes (weighUtf8, which also makes its line breaks "\n" and
// decodes it), or a text's through TextEncoder.encodeInto (weighText). Engines without WebAssembly
// SIMD (or with WebAssembly off) get undefined, and the callers weigh in JavaScript.

import { LINE_WEIGHTS_WASM } from './lineWeightsWasm';
import type { LineWeights } from './tokens';

/** Shorter texts are weighed in JavaScript: the copy and the call would cost more than they save. */
const MIN_CHARS = 256;
/**
 * Longer texts too: the module's memory never shrinks, and holds the text's UTF-8 and three
 * tables of 4 bytes a character: ~14 MB for the default 1 MiB file size limit.
 */
const MAX_CHARS = 1 << 20;
/** Bytes 0-31 of the memory are the kernel's scratch; the text goes after them. */
const TEXT_AT = 32;
/** Spaces after the text, so the last step reads 16 whole bytes. */
const PADDING = 16;
const PAGE_BYTES = 65536;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3;

interface Kernel {
  memory: WebAssembly.Memory;
  weigh(textAt: number, bytes: number, tablesAt: number, capacity: number, limit: number, normalized: 0 | 1): number;
  /** After a normalized weigh: 1 if the text had a CR. */
  sawCR: WebAssembly.Global;
  dropBreakCRs(textAt: number, bytes: number): number;
}

/** undefined until first used; null where the engine cannot run it. */
let kernel: Kernel | null | undefined;
/** The kernel's memory as bytes, made again when the memory grows (which detaches the old view). */
let bytes = new Uint8Array(0);
const encoder = new TextEncoder();
/** Strict; the caller drops a byte order mark in front (a second one is text). */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function loadKernel(): Kernel | null {
  try {
    const wasm = Uint8Array.from(atob(LINE_WEIGHTS_WASM), (c) => c.charCodeAt(0));
    return new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports as unknown as Kernel;
  } catch {
    // No WebAssembly, or no SIMD in it.
    return null;
  }
}

/**
 * lineWeights(text, limit, reuse) through the kernel, which reads the text's UTF-8 (from
 * TextEncoder.encodeInto); undefined where it does not run (or the text is too short or too long
 * to be worth it), and the caller weighs in JavaScript. `limit` is already a whole number of
 * hundredths within Int32 range. Files are weighed from their bytes instead (weighUtf8).
 */
export function weighText(text: string, limit: number, reuse?: LineWeights): LineWeights | undefined {
  const length = text.length;
  if (length < MIN_CHARS || length > MAX_CHARS) return undefined;
  const k = kernelWithRoom(MAX_UTF8_PER_UNIT * length, length + 1);
  if (k === undefined) return undefined;
  const { read, written } = encoder.encodeInto(text, bytes.subarray(TEXT_AT, TEXT_AT + MAX_UTF8_PER_UNIT * length));
  return read === length ? runKernel(k, written, length, limit, reuse) : undefined;
}

/**
 * The text `utf8` holds and its lineWeights, from the bytes: the kernel weighs them in its memory
 * with offsets as if every CRLF were a LF, makes it so there (a lone CR becomes a LF too), and
 * the result is decoded strictly (a byte order mark in front is dropped). So the text's line
 * breaks are all "\n" and no string is made but the text. `text` is undefined when the bytes
 * are not UTF-8; `lines` when the tables cannot be the text's (then weigh the text in
 * JavaScript). undefined where the kernel does not run or the bytes are too few or too many to
 * be worth it (as weighText).
 */
export function weighUtf8(utf8: Uint8Array, limit: number, reuse?: LineWeights): { text: string | undefined; lines: LineWeights | undefined } | undefined {
  const source = withoutBom(utf8);
  const size = source.length;
  if (size < MIN_CHARS || size > MAX_CHARS) return undefined;
  // At most one code unit a byte.
  const k = kernelWithRoom(size, size + 1);
  if (k === undefined) return undefined;
  bytes.set(source, TEXT_AT);
  const count = weighBytes(k, size, size + 1, limit, 1);
  const length = k.sawCR.value === 1 ? k.dropBreakCRs(TEXT_AT, size) : size;
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(TEXT_AT, TEXT_AT + length));
  } catch {
    return { text: undefined, lines: undefined };
  }
  return { text, lines: copyTables(k, size, size + 1, count, text.length, reuse) };
}

function withoutBom(utf8: Uint8Array): Uint8Array {
  // (The length first: a read past the end of an empty file threw away the optimized caller.)
  return utf8.length >= 3 && utf8[0] === 0xef && utf8[1] === 0xbb && utf8[2] === 0xbf ? utf8.subarray(3) : utf8;
}

/** The kernel, its memory grown for `textBytes` of text and tables of `capacity` lines; undefined where it cannot run. */
function kernelWithRoom(textBytes: number, capacity: number): Kernel | undefined {
  kernel ??= loadKernel();
  if (kernel === null) return undefined;
  const needed = tablesAfter(textBytes) + 12 * capacity;
  const memory = kernel.memory;
  if (memory.buffer.byteLength < needed) {
    try {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    } catch {
      // No memory to spare: JavaScript weighs this text.
      return undefined;
    }
  }
  if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
  return kernel;
}

/**
 * Runs the kernel over the `size` bytes at TEXT_AT and copies its tables out; undefined when they
 * cannot be the text's (`length` code units): the UTF-8 a caller passed was not its text.
 */
function runKernel(k: Kernel, size: number, length: number, limit: number, reuse: LineWeights | undefined): LineWeights | undefined {
  return copyTables(k, size, length + 1, weighBytes(k, size, length + 1, limit, 0), length, reuse);
}

/** Pads the `size` bytes at TEXT_AT and weighs them into tables of `capacity` lines; the line count. */
function weighBytes(k: Kernel, size: number, capacity: number, limit: number, normalized: 0 | 1): number {
  bytes.fill(32, TEXT_AT + size, TEXT_AT + size + PADDING);
  return k.weigh(TEXT_AT, size, tablesAfter(size), capacity, limit, normalized);
}

/** Where the kernel's tables go after `size` bytes of text and their padding: 4-byte aligned. */
function tablesAfter(size: number): number {
  return (TEXT_AT + size + PADDING + 3) & ~3;
}

/**
 * The kernel's `count` lines, copied out of its tables (after `size` bytes of text); undefined when
 * they cannot be those of a text of `length` code units (the UTF-8 weighed was not its text).
 */
function copyTables(k: Kernel, size: number, capacity: number, count: number, length: number, reuse: LineWeights | undefined): LineWeights | undefined {
  const tablesAt = tablesAfter(size);
  const buffer = k.memory.buffer;
  if (count < 1 || new Int32Array(buffer, tablesAt + 4 * capacity, count)[count - 1] !== length) return undefined;
  const result = reuse ?? { count, starts: new Int32Array(count), ends: new Int32Array(count), weights: new Int32Array(count) };
  result.count = count;
  result.starts = copyTable(buffer, tablesAt, count, result.starts);
  result.ends = copyTable(buffer, tablesAt + 4 * capacity, count, result.ends);
  result.weights = copyTable(buffer, tablesAt + 8 * capacity, count, result.weights);
  return result;
}

/** `count` entries of the kernel's table at `at`, copied into `target` (or a larger array when it is short). */
function copyTable(buffer: ArrayBuffer, at: number, count: number, target: Int32Array): Int32Array {
  const into = target.length >= count ? target : new Int32Array(Math.max(count, 2 * target.length));
  into.set(new Int32Array(buffer, at, count));
  return into;
}
