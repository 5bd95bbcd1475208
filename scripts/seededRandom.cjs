// mulberry32: a small, fast, seeded PRNG, so benchmarks and test fixtures draw the same values on
// every run. Plain CommonJS so the TypeScript tests and the plain .mjs benchmark scripts share it.

/** @param {number} seed @returns {() => number} uniform in [0, 1) */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { seededRandom };
