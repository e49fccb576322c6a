// textDocument/documentSymbol: one symbol per declaration, firewall items as children,
// so the outline shows each firewall's rules.
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import type { Declaration, FirewallItem } from "../core/syntax-tree";
import { spanToRange } from "./diagnostics";

const DECLARATION_KINDS: Record<Declaration["kind"], SymbolKind> = {
  deployment: SymbolKind.Module,
  zone: SymbolKind.Namespace,
  location: SymbolKind.Package,
  node: SymbolKind.Class,
  peer: SymbolKind.Object,
  group: SymbolKind.Array,
  firewall: SymbolKind.Interface,
};

/** A declaration's detail: the node role or peer kind as written (`proxying`, `dns`). */
function detailOf(declaration: Declaration): string {
  return declaration.keyword.text;
}

function firewallItemSymbol(item: FirewallItem, result: CheckResult): DocumentSymbol {
  const range = spanToRange(item.span, result.lines);
  // The item's own text, on one line, is the clearest name for a rule.
  const text = result.source.text.slice(item.span.start, item.span.end).replace(/\s+/g, " ").trim();
  const kind = item.kind === "rule" ? SymbolKind.Event : SymbolKind.Property;
  return { name: text || item.kind, detail: item.kind, kind, range, selectionRange: range };
}

export function documentSymbols(result: CheckResult): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const declaration of result.source.declarations) {
    const range = spanToRange(declaration.span, result.lines);
    const selectionRange = declaration.name ? spanToRange(declaration.name.span, result.lines) : range;
    const symbol: DocumentSymbol = {
      name: declaration.name?.text || declaration.keyword.text,
      detail: detailOf(declaration),
      kind: DECLARATION_KINDS[declaration.kind],
      range,
      selectionRange,
    };
    if (declaration.kind === "firewall") symbol.children = declaration.items.map((item) => firewallItemSymbol(item, result));
    symbols.push(symbol);
  }
  return symbols;
}
