// V8 hands a function to its optimizing compiler (TurboFan) once the function has run a
// set amount of bytecode (the interrupt budget). The first check of a large file runs a few
// hundred functions just often enough to be compiled, and compiling them costs more than
// it saves within that one run. Waiting about 15 times longer before optimizing made the
// first check of the 10,006-line benchmark file about a quarter faster, while later checks
// of the same server (edits) still reach optimized code and keep their speed
// (bench/README.md has the figures). The flag is process-wide: the language server and
// the command line set it as they start.
import { setFlagsFromString } from "v8";

/** Bytecode a function runs before V8 considers optimizing it (V8's default is 67,584). */
export const INTERRUPT_BUDGET = 1_000_000;

export function delayOptimizingCompiler(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
