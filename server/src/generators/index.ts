// Every platform pexnet exports to, in the order pickers and `--list-platforms` show them.
import type { Generator } from "./generator";
import { nftablesGenerator } from "./nftables";

export const GENERATORS: readonly Generator[] = [nftablesGenerator];

export function generatorById(id: string): Generator | undefined {
  return GENERATORS.find((g) => g.id === id);
}
