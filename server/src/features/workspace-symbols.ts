// workspace/symbol: the declarations of every open document whose name contains the query
// (case-insensitive).
import type { SymbolInformation } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { documentSymbols } from "./document-symbols";

export function workspaceSymbols(documents: { uri: string; result: CheckResult }[], query: string): SymbolInformation[] {
  const needle = query.toLowerCase();
  const symbols: SymbolInformation[] = [];
  for (const { uri, result } of documents) {
    for (const symbol of documentSymbols(result)) {
      if (!symbol.name.toLowerCase().includes(needle)) continue;
      symbols.push({ name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.selectionRange }, containerName: symbol.detail });
    }
  }
  return symbols;
}
