// Two V8 settings for the first check of a large file, which runs cold: its code has not been
// optimized yet and its heap has not grown yet. The language server and the command line set
// them as they start (the flags are process-wide); bench/README.md has the figures.
//
// - Interrupt budget: V8 hands a function to its optimizing compiler (TurboFan) once the
//   function has run a set amount of bytecode. The first check runs a few hundred functions
//   just often enough to be compiled, and compiling them costs more than it saves within that
//   one run. Waiting about 15 times longer made the first check of the 10,006-line benchmark
//   file about a quarter faster; later checks of the same server (edits) still reach
//   optimized code and keep their speed.
// - Young generation growth: V8 doubles the young generation (up to 16 MiB per half) while
//   much of what is allocated survives, as the syntax tree and the model do. Every page of a
//   grown young generation is fresh memory, and on virtual machines the first touch of a page
//   is expensive (here about 10 µs per 4 KiB page). Keeping it at its initial 1 MiB half
//   touches about 5,000 fewer pages in the first check; scavenges get more frequent but no
//   dearer in all. Once the first check is done, the growth goes back to V8's default: a
//   server that checks edit after edit is faster with a grown young generation (its pages
//   are touched once and then reused). V8 only lets this factor be changed at run time (its
//   command-line value is raised to at least 2), and ignores it where it no longer applies.
import { setFlagsFromString } from "v8";

/** Bytecode a function runs before V8 considers optimizing it (V8's default is 67,584). */
export const INTERRUPT_BUDGET = 1_000_000;

/** Factor by which V8 grows the young generation: 1 keeps its size, 2 is V8's default. */
const KEEP_YOUNG_GENERATION = 1;
const V8_YOUNG_GENERATION_GROWTH = 2;

export function tuneV8ForFirstCheck(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  setFlagsFromString(`--semi-space-growth-factor=${KEEP_YOUNG_GENERATION}`);
}

/** After the first check: let the young generation grow again, for the checks of edits. */
export function tuneV8ForEdits(): void {
  setFlagsFromString(`--semi-space-growth-factor=${V8_YOUNG_GENERATION_GROWTH}`);
}
