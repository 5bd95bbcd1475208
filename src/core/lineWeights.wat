;; lineWeights (src/core/tokens.ts) for UTF-8 text, 16 bytes a step with WebAssembly SIMD.
;; Built into src/core/lineWeightsWasm.ts by `npm run build:wasm` (wabt); a unit test checks that
;; the two agree, and others that this kernel gives the same lines and weights as the JavaScript
;; loop it stands in for.
;;
;; weigh(in, n, out, capacity, limit, normalized) reads n bytes of valid UTF-8 at `in` and writes,
;; for each line (breaks: LF, CRLF, lone CR), its start, end and weight as three i32 arrays at
;; out, out + 4 * capacity and out + 8 * capacity, and returns the number of lines (-1 if there
;; would be more than `capacity`). With `normalized` 1, starts and ends are those of the text
;; once every CRLF is a LF (dropBreakCRs makes it so), and the global sawCR is 1 if the text had
;; a CR, else 0. Starts and ends count UTF-16 code units, as JavaScript strings do; `capacity` is
;; at least the text's length in them plus one. Bytes that are not valid UTF-8 (weighUtf8 weighs
;; before it decodes) give tables that are not a text's, never a write past them; the caller
;; checks the last end against the decoded length. The caller places `in` at 32 or above (0-31
;; is scratch) and puts 16 spaces after the text, so every step loads 16 whole bytes and the
;; padding weighs 0.
;;
;; Weights are in hundredths of a token. Each character has a class: free (space, tab, VT, FF and
;; the line breaks, which also end the line), letter (A-Z, a-z, _), digit, symbol (other printable
;; ASCII) or single (control characters, and every code unit outside ASCII). A character costs 0
;; if free; else 100 when its class differs from the character before it (a line starts after a
;; free one), or the continuation cost of its class when the same: 7 letter, 30 digit, 40 symbol,
;; 100 single. In UTF-8 a character outside ASCII is a lead byte and continuation bytes: the lead
;; costs 100 per UTF-16 code unit (200 for a 4-byte sequence, a surrogate pair), the others
;; nothing. A line weighing over `limit` gets limit + 1: callers only ask whether such a line fits.
;;
;; Per step: classify 16 bytes (range tests as unsigned min + compare), compare each class with
;; the one before it (the last class of the step before is shifted in), and look the costs up
;; with a swizzle. A step without a line break only adds its costs to i16 lane sums, folded into
;; the running sum every 8 steps (so a lane never holds more than 8 x 400); a line found over the
;; limit there is not weighed any further: the steps up to its break are only searched for the
;; break and counted for the code unit offsets (minified files put most of their text in such
;; lines). A step with a break takes running sums in two i16x8 halves (at most 3,200 a step),
;; stores them to a scratch block at address 0 so each break's running sum is one load away, and
;; finds the breaks from a bitmask, one count-trailing-zeros each. A step with bytes outside ASCII
;; also keeps bitmasks of continuation bytes and 4-byte leads: byte offsets become code unit
;; offsets by counting them.

(module
  (memory (export "memory") 1)
  ;; Set by weigh when `normalized`: 1 if the text had a CR (dropBreakCRs has work to do).
  (global $sawCR (export "sawCR") (mut i32) (i32.const 0))

  ;; Scratch at 0-31: the step's running sums, 16 lanes of i16.
  (func (export "weigh") (param $in i32) (param $n i32) (param $out i32) (param $capacity i32) (param $limit i32) (param $normalized i32) (result i32)
    (local $p i32)          ;; byte offset of the step in the text
    (local $v v128)         ;; the step's bytes
    (local $k v128)         ;; their classes
    (local $kBefore v128)   ;; classes of the step before (lane 15 is the character before this step)
    (local $free v128)
    (local $cost v128)
    (local $pending v128)   ;; i16x8 sums of the steps since `base` was last brought up to date
    (local $lo v128)
    (local $hi v128)
    (local $unit v128)      ;; per lane: continuation byte, or lead of a 4-byte sequence
    (local $lead4 v128)
    (local $continuations i32)  ;; bitmasks of those lanes
    (local $leads4 i32)
    (local $shift i32)      ;; bytes before the step minus code units before it
    (local $breaks i32)     ;; bitmask of CR and LF lanes
    (local $dropped i32)    ;; when normalized: bitmask of the CR lanes of CRLFs (not in the text)
    (local $lane i32)
    (local $below i32)      ;; bitmask of the lanes before a break's
    (local $at i32)         ;; byte offset of a break
    (local $unitAt i32)     ;; its offset in code units
    (local $char i32)
    (local $sum i32)        ;; running sum up to a break
    (local $weight i32)
    (local $base i32)       ;; running sum before this step (once $pending is added)
    (local $lineBase i32)   ;; running sum at the start of the current line
    (local $start i32)      ;; code unit offset where the current line starts
    (local $lastCR i32)     ;; byte offset of the last CR, -2 before any
    (local $count i32)
    (local $over i32)       ;; the current line is over the limit: only its break is looked for
    (local $ends i32)
    (local $weights i32)
    (local $t v128)         ;; a range test's operand
    (local $wide v128)      ;; $pending in i32x4 lanes, to add them up
    (local.set $ends (i32.add (local.get $out) (i32.shl (local.get $capacity) (i32.const 2))))
    (local.set $weights (i32.add (local.get $ends) (i32.shl (local.get $capacity) (i32.const 2))))
    (local.set $lastCR (i32.const -2))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $v (v128.load (i32.add (local.get $in) (local.get $p))))

        ;; Class = 4 (single), minus 1 if printable (33-126), minus 2 more if a letter (A-Z, a-z,
        ;; _) or 1 more if a digit, minus 4 if free (9-13: tab, LF, VT, FF, CR; and space). Each
        ;; test gives -1 (all bits set) where true; x - a <= b - a (unsigned) tests a <= x <= b, as
        ;; min_u(t, b - a) == t with t = x - a.
        (local.set $free
          (v128.or
            (i8x16.eq (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
            (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9))) (v128.const i8x16 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4)) (local.get $t))))
        (local.set $k
          (i8x16.add
            (i8x16.add
              (i8x16.add (v128.const i8x16 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4)
                         (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v) (v128.const i8x16 33 33 33 33 33 33 33 33 33 33 33 33 33 33 33 33))) (v128.const i8x16 93 93 93 93 93 93 93 93 93 93 93 93 93 93 93 93)) (local.get $t)))
              (i8x16.add
                (v128.and (v128.const i8x16 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2 -2)
                  (v128.or
                    (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (v128.or (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
                                             (v128.const i8x16 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97))) (v128.const i8x16 25 25 25 25 25 25 25 25 25 25 25 25 25 25 25 25)) (local.get $t))
                    (i8x16.eq (local.get $v) (v128.const i8x16 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95))))
                (i8x16.eq (i8x16.min_u (local.tee $t (i8x16.sub (local.get $v) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)) (local.get $t))))
            (v128.and (v128.const i8x16 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4) (local.get $free))))

        ;; Cost: the continuation cost where the class equals the one before, else 100 (0 if free).
        (local.set $cost
          (v128.bitselect
            (i8x16.swizzle (v128.const i8x16 0 7 30 40 100 0 0 0 0 0 0 0 0 0 0 0) (local.get $k))
            (v128.andnot (v128.const i8x16 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100) (local.get $free))
            (i8x16.eq (local.get $k)
                      (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $kBefore) (local.get $k)))))
        (local.set $kBefore (local.get $k))

        ;; Bytes outside ASCII (class single, cost 100 so far): continuation bytes (10xxxxxx) cost
        ;; nothing, 4-byte leads (11110xxx) 200.
        (if (i8x16.bitmask (local.get $v))
          (then
            (local.set $unit
              (i8x16.eq (v128.and (local.get $v) (v128.const i8x16 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0))
                        (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80)))
            (local.set $lead4
              (i8x16.eq (i8x16.max_u (local.get $v) (v128.const i8x16 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0))
                        (local.get $v)))
            (local.set $cost
              (v128.or
                (v128.andnot (local.get $cost) (v128.or (local.get $unit) (local.get $lead4)))
                (v128.and (local.get $lead4) (v128.const i8x16 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200))))
            (local.set $continuations (i8x16.bitmask (local.get $unit)))
            (local.set $leads4 (i8x16.bitmask (local.get $lead4))))
          (else
            (local.set $continuations (i32.const 0))
            (local.set $leads4 (i32.const 0))))

        (local.set $breaks
          (i8x16.bitmask
            (v128.or (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
                     (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))))
        (if (i32.eqz (local.get $breaks))
          (then
            (local.set $pending (i16x8.add (local.get $pending) (i16x8.extadd_pairwise_i8x16_u (local.get $cost))))
            ;; Every 8 steps: fold the lane sums into the running sum, and see whether the line
            ;; is already over the limit.
            (if (i32.eq (i32.and (local.get $p) (i32.const 0x70)) (i32.const 0x70))
              (then
                (local.set $base
                  (i32.add (local.get $base)
                    (i32.add (i32.add (i32x4.extract_lane 0 (local.tee $wide (i32x4.extadd_pairwise_i16x8_u (local.get $pending)))) (i32x4.extract_lane 1 (local.get $wide)))
                         (i32.add (i32x4.extract_lane 2 (local.get $wide)) (i32x4.extract_lane 3 (local.get $wide))))))
                (local.set $pending (v128.const i64x2 0 0))
                (local.set $over (i32.gt_s (i32.sub (local.get $base) (local.get $lineBase)) (local.get $limit))))))
          (else
            (local.set $base
              (i32.add (local.get $base)
                (i32.add (i32.add (i32x4.extract_lane 0 (local.tee $wide (i32x4.extadd_pairwise_i16x8_u (local.get $pending)))) (i32x4.extract_lane 1 (local.get $wide)))
                         (i32.add (i32x4.extract_lane 2 (local.get $wide)) (i32x4.extract_lane 3 (local.get $wide))))))
            (local.set $pending (v128.const i64x2 0 0))
            ;; Running sums within the step, in i16 lanes.
            (local.set $lo (i16x8.extend_low_i8x16_u (local.get $cost)))
            (local.set $hi (i16x8.extend_high_i8x16_u (local.get $cost)))
            (local.set $lo (i16x8.add (local.get $lo) (i8x16.shuffle 0 1 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (v128.const i64x2 0 0) (local.get $lo))))
            (local.set $hi (i16x8.add (local.get $hi) (i8x16.shuffle 0 1 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (v128.const i64x2 0 0) (local.get $hi))))
            (local.set $lo (i16x8.add (local.get $lo) (i8x16.shuffle 0 1 2 3 16 17 18 19 20 21 22 23 24 25 26 27 (v128.const i64x2 0 0) (local.get $lo))))
            (local.set $hi (i16x8.add (local.get $hi) (i8x16.shuffle 0 1 2 3 16 17 18 19 20 21 22 23 24 25 26 27 (v128.const i64x2 0 0) (local.get $hi))))
            (local.set $lo (i16x8.add (local.get $lo) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.const i64x2 0 0) (local.get $lo))))
            (local.set $hi (i16x8.add (local.get $hi) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.const i64x2 0 0) (local.get $hi))))
            (local.set $hi (i16x8.add (local.get $hi) (i16x8.splat (i16x8.extract_lane_u 7 (local.get $lo)))))
            (v128.store (i32.const 0) (local.get $lo))
            (v128.store (i32.const 16) (local.get $hi))
            ;; Normalized: the CR of a CRLF (the LF may be the next step's first byte) is not in
            ;; the text, so offsets after it are one less.
            (local.set $dropped (i32.const 0))
            (if (local.get $normalized)
              (then
                (local.set $dropped
                  (i32.and
                    (i8x16.bitmask (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))
                    (i8x16.bitmask (i8x16.eq (v128.load (i32.add (i32.add (local.get $in) (local.get $p)) (i32.const 1)))
                                             (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))))))
            (loop $break
              (local.set $lane (i32.ctz (local.get $breaks)))
              (local.set $breaks (i32.and (local.get $breaks) (i32.sub (local.get $breaks) (i32.const 1))))
              (local.set $at (i32.add (local.get $p) (local.get $lane)))
              (local.set $below (i32.sub (i32.shl (i32.const 1) (local.get $lane)) (i32.const 1)))
              (local.set $unitAt
                (i32.add (i32.sub (i32.sub (local.get $at) (local.get $shift))
                                  (i32.popcnt (i32.and (i32.or (local.get $continuations) (local.get $dropped)) (local.get $below))))
                         (i32.popcnt (i32.and (local.get $leads4) (local.get $below)))))
              (local.set $char (i32.load8_u (i32.add (local.get $in) (local.get $at))))
              (if (i32.and (i32.eq (local.get $char) (i32.const 10))
                           (i32.eq (local.get $lastCR) (i32.sub (local.get $at) (i32.const 1))))
                (then
                  ;; The LF of a CRLF: its CR ended the line already.
                  (local.set $start (i32.add (local.get $unitAt) (i32.const 1))))
                (else
                  ;; More lines than the caller made room for (its bytes are not its text): give up.
                  (if (i32.ge_u (i32.add (local.get $count) (i32.const 1)) (local.get $capacity)) (then (return (i32.const -1))))
                  (local.set $sum (i32.add (local.get $base) (i32.load16_u (i32.shl (local.get $lane) (i32.const 1)))))
                  (local.set $weight (i32.sub (local.get $sum) (local.get $lineBase)))
                  (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $start))
                  (i32.store (i32.add (local.get $ends) (i32.shl (local.get $count) (i32.const 2))) (local.get $unitAt))
                  (i32.store (i32.add (local.get $weights) (i32.shl (local.get $count) (i32.const 2)))
                    (select (i32.add (local.get $limit) (i32.const 1)) (local.get $weight)
                            (i32.gt_s (local.get $weight) (local.get $limit))))
                  (local.set $over (i32.const 0))
                  (local.set $count (i32.add (local.get $count) (i32.const 1)))
                  (local.set $lineBase (local.get $sum))
                  (local.set $start (i32.add (local.get $unitAt) (i32.const 1)))
                  (if (i32.eq (local.get $char) (i32.const 13))
                    (then (local.set $lastCR (local.get $at))))))
              (br_if $break (local.get $breaks)))
            (local.set $shift (i32.add (local.get $shift) (i32.popcnt (local.get $dropped))))
            (local.set $base (i32.add (local.get $base) (i16x8.extract_lane_u 7 (local.get $hi))))))
        (local.set $shift
          (i32.add (local.get $shift) (i32.sub (i32.popcnt (local.get $continuations)) (i32.popcnt (local.get $leads4)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        ;; A line over the limit: find its break, counting code units on the way, and weigh again
        ;; from the step that holds it. The line's running sum is over the limit already and only
        ;; grows, so it still gets limit + 1; a class compared across the skipped steps only
        ;; prices a character of this line, and what follows its break looks back within the step.
        (if (local.get $over)
          (then
            (block $found
              (loop $skip
                (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
                (local.set $v (v128.load (i32.add (local.get $in) (local.get $p))))
                (br_if $found
                  (i8x16.bitmask
                    (v128.or (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
                             (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))))
                (if (i8x16.bitmask (local.get $v))
                  (then
                    (local.set $shift
                      (i32.add (local.get $shift)
                        (i32.sub
                          (i32.popcnt (i8x16.bitmask
                            (i8x16.eq (v128.and (local.get $v) (v128.const i8x16 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0))
                                      (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80))))
                          (i32.popcnt (i8x16.bitmask
                            (i8x16.eq (i8x16.max_u (local.get $v) (v128.const i8x16 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0))
                                      (local.get $v)))))))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $skip)))))
        (br $step)))
    (global.set $sawCR (i32.and (local.get $normalized) (i32.ne (local.get $lastCR) (i32.const -2))))
    ;; The last line, empty when the text ends with a break.
    (local.set $base
      (i32.add (local.get $base)
        (i32.add (i32.add (i32x4.extract_lane 0 (local.tee $wide (i32x4.extadd_pairwise_i16x8_u (local.get $pending)))) (i32x4.extract_lane 1 (local.get $wide)))
                         (i32.add (i32x4.extract_lane 2 (local.get $wide)) (i32x4.extract_lane 3 (local.get $wide))))))
    (local.set $weight (i32.sub (local.get $base) (local.get $lineBase)))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $start))
    (i32.store (i32.add (local.get $ends) (i32.shl (local.get $count) (i32.const 2))) (i32.sub (local.get $n) (local.get $shift)))
    (i32.store (i32.add (local.get $weights) (i32.shl (local.get $count) (i32.const 2)))
      (select (i32.add (local.get $limit) (i32.const 1)) (local.get $weight)
              (i32.gt_s (local.get $weight) (local.get $limit))))
    (i32.add (local.get $count) (i32.const 1)))

  ;; dropBreakCRs(in, n) rewrites the n bytes at `in` in place so every line break is a LF: the CR
  ;; of a CRLF is dropped, a lone CR becomes a LF. Returns the new length. Like weigh, it reads
  ;; 16 bytes a step (the caller's padding after the text is not a LF); a step without a CR is
  ;; moved whole, one with a CR a byte at a time. Writes never pass what was read: the text only
  ;; gets shorter.
  (func (export "dropBreakCRs") (param $in i32) (param $n i32) (result i32)
    (local $p i32)          ;; byte offset read
    (local $to i32)         ;; byte offset written
    (local $v v128)
    (local $i i32)
    (local $end i32)
    (local $c i32)
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $v (v128.load (i32.add (local.get $in) (local.get $p))))
        (if (i8x16.bitmask (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))
          (then
            (local.set $i (local.get $p))
            (local.set $end (select (local.get $n) (i32.add (local.get $p) (i32.const 16)) (i32.lt_u (local.get $n) (i32.add (local.get $p) (i32.const 16)))))
            (loop $byte
              (local.set $c (i32.load8_u (i32.add (local.get $in) (local.get $i))))
              (if (i32.ne (local.get $c) (i32.const 13))
                (then
                  (i32.store8 (i32.add (local.get $in) (local.get $to)) (local.get $c))
                  (local.set $to (i32.add (local.get $to) (i32.const 1))))
                (else
                  ;; A CR: dropped before a LF, else a LF itself.
                  (if (i32.ne (i32.load8_u (i32.add (i32.add (local.get $in) (local.get $i)) (i32.const 1))) (i32.const 10))
                    (then
                      (i32.store8 (i32.add (local.get $in) (local.get $to)) (i32.const 10))
                      (local.set $to (i32.add (local.get $to) (i32.const 1)))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $byte (i32.lt_u (local.get $i) (local.get $end)))))
          (else
            (if (i32.ne (local.get $to) (local.get $p))
              (then (v128.store (i32.add (local.get $in) (local.get $to)) (local.get $v))))
            (local.set $to (i32.add (local.get $to) (select (i32.sub (local.get $n) (local.get $p)) (i32.const 16) (i32.lt_u (i32.sub (local.get $n) (local.get $p)) (i32.const 16)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $step)))
    (local.get $to)))
