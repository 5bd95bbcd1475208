// lineWeights for ASCII text through a WebAssembly SIMD kernel (src/core/lineWeights.wat,
// assembled into lineWeightsWasm.ts): 16 characters a step instead of one, the same tables as
// lineWeightsJs (test/unit/core/tokens.test.ts compares the two). Token weights are the largest
// single cost of chunking a tree; bench/README.md has the figures.
//
// The text is copied into the module's memory with TextEncoder.encodeInto, which also tells
// ASCII apart: an ASCII text writes one byte per character, any other stops short. Engines
// without WebAssembly SIMD (or with WebAssembly off) get undefined, and lineWeights weighs in
// JavaScript.

import { LINE_WEIGHTS_WASM } from './lineWeightsWasm';
import type { LineWeights } from './tokens';

/** Shorter texts are weighed in JavaScript: the copy and the call would cost more than they save. */
const MIN_CHARS = 256;
/**
 * Longer texts too: the module's memory never shrinks, and holds 13 bytes a character (the text
 * and three tables): ~14 MB for the default 1 MiB file size limit.
 */
const MAX_CHARS = 1 << 20;
/** Bytes 0-31 of the memory are the kernel's scratch; the text goes after them. */
const TEXT_AT = 32;
/** Spaces after the text, so the last step reads 16 whole bytes. */
const PADDING = 16;
const PAGE_BYTES = 65536;

interface Kernel {
  memory: WebAssembly.Memory;
  weigh(textAt: number, length: number, tablesAt: number, limit: number): number;
}

/** undefined until first used; null where the engine cannot run it. */
let kernel: Kernel | null | undefined;
const encoder = new TextEncoder();

function loadKernel(): Kernel | null {
  try {
    const bytes = Uint8Array.from(atob(LINE_WEIGHTS_WASM), (c) => c.charCodeAt(0));
    return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Kernel;
  } catch {
    // No WebAssembly, or no SIMD in it.
    return null;
  }
}

/**
 * lineWeights(text, limit, reuse) when `text` is ASCII and the kernel runs here; undefined
 * otherwise (the caller then weighs in JavaScript). `limit` is already a whole number of
 * hundredths within Int32 range.
 */
export function weighAscii(text: string, limit: number, reuse?: LineWeights): LineWeights | undefined {
  const length = text.length;
  if (length < MIN_CHARS || length > MAX_CHARS) return undefined;
  kernel ??= loadKernel();
  if (kernel === null) return undefined;
  const tablesAt = (TEXT_AT + length + PADDING + 3) & ~3;
  const needed = tablesAt + 12 * (length + 1);
  const memory = kernel.memory;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
  const bytes = new Uint8Array(memory.buffer);
  const { read, written } = encoder.encodeInto(text, bytes.subarray(TEXT_AT, TEXT_AT + length));
  if (read !== length || written !== length) return undefined;
  bytes.fill(32, TEXT_AT + length, TEXT_AT + length + PADDING);
  const count = kernel.weigh(TEXT_AT, length, tablesAt, limit);
  if (count < 0) return undefined;
  const table = (index: number): Int32Array => new Int32Array(memory.buffer, tablesAt + 4 * (length + 1) * index, count);
  const into = (array: Int32Array | undefined, index: number): Int32Array => {
    const target = array !== undefined && array.length >= count ? array : new Int32Array(Math.max(count, 2 * (array?.length ?? 0)));
    target.set(table(index));
    return target;
  };
  const result = { count, starts: into(reuse?.starts, 0), ends: into(reuse?.ends, 1), weights: into(reuse?.weights, 2) };
  if (reuse === undefined) return result;
  Object.assign(reuse, result);
  return reuse;
}
