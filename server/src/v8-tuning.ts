// V8 settings for the first check of a large file, which runs cold: its code has not been
// optimized yet and its heap has not grown yet. The language server and the command line set
// them as they start (the flags are process-wide); bench/README.md has the figures.
//
// - Later tier-up: V8 hands a function to its optimizing compilers once it has run often
//   enough. The first check runs a few hundred functions just often enough to be compiled,
//   and compiling them costs more than it saves within that one run. Waiting about 15 times
//   longer made the first check of the 10,006-line benchmark file about a quarter faster on
//   Node 20 and about a third faster on Node 24; later checks of the same server (edits)
//   still reach optimized code (on Node 24 complete diagnostics of an edit took 20-30%
//   longer at p50, far within their target). V8 up to 11 (Node 20) counts this as an
//   interrupt budget, V8 12 and later (Node 22 and 24, VS Code's Electron) as invocation
//   counts for Maglev and TurboFan; each V8 gets only the flags it knows (an unknown flag
//   would print an error).
// - Young generation growth: V8 doubles the young generation (up to 16 MiB per half) while
//   much of what is allocated survives, as the syntax tree and the model do. Every page of a
//   grown young generation is fresh memory, and on virtual machines the first touch of a page
//   is expensive (here about 10 us per 4 KiB page). Keeping it at its initial 1 MiB half
//   touches about 6,000 fewer pages in the first check. Once the first check is done, the
//   growth goes back to V8's default: a server that checks edit after edit is faster with a
//   grown young generation (its pages are touched once and then reused). V8 only lets this
//   factor be changed at run time (its command-line value is raised to at least 2).
import { setFlagsFromString } from "v8";

const V8_MAJOR = Number(process.versions.v8.split(".")[0]);

/** V8 11 and older: bytecode a function runs before V8 considers optimizing it (default 67,584). */
const INTERRUPT_BUDGET = 1_000_000;
/** V8 12 and later: calls before Maglev and before TurboFan optimize (400 and 3,000 in V8 13). */
const MAGLEV_INVOCATIONS = 6_000;
const TURBOFAN_INVOCATIONS = 45_000;

/** Factor by which V8 grows the young generation: 1 keeps its size, 2 is V8's default. */
const KEEP_YOUNG_GENERATION = 1;
const V8_YOUNG_GENERATION_GROWTH = 2;

export function tuneV8ForFirstCheck(): void {
  if (V8_MAJOR >= 12) {
    setFlagsFromString(`--invocation-count-for-maglev=${MAGLEV_INVOCATIONS}`);
    setFlagsFromString(`--invocation-count-for-turbofan=${TURBOFAN_INVOCATIONS}`);
  } else {
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  }
  setFlagsFromString(`--semi-space-growth-factor=${KEEP_YOUNG_GENERATION}`);
}

/**
 * After the first check: let the young generation grow again, for the checks of edits. The
 * later tier-up stays: restoring V8's counts after the first check did not make edits
 * measurably faster on Node 24.
 */
export function tuneV8ForEdits(): void {
  setFlagsFromString(`--semi-space-growth-factor=${V8_YOUNG_GENERATION_GROWTH}`);
}
