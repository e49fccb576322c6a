// The pexnet language server: `node bin/pexnet-language-server.js --stdio`. It only wires
// LSP requests to the features in features/ (one file each) and the shared analysis cache.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CheckResult } from "./core/check";
import { DocumentAnalyzer } from "./document-analyzer";
import { codeActions, FIX_ALL_KIND } from "./features/code-actions";
import { definition } from "./features/definition";
import { toLspDiagnostics } from "./features/diagnostics";
import { documentSymbols } from "./features/document-symbols";
import { foldingRanges } from "./features/folding-ranges";
import { hover } from "./features/hover";
import { references } from "./features/references";
import { completion } from "./features/completion";
import { documentHighlights } from "./features/document-highlight";
import { formatting } from "./features/formatting";
import { prepareRename, rename } from "./features/rename";
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from "./features/semantic-tokens";
import { workspaceSymbols } from "./features/workspace-symbols";
import { codeLenses } from "./features/code-lens";

export function startServer(): void {
  // createConnection reads the transport (--stdio, --node-ipc, --socket) from argv.
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);

  const analyzer = new DocumentAnalyzer(
    (uri) => documents.get(uri),
    (document, result) => {
      void connection.sendDiagnostics({
        uri: document.uri,
        version: document.version,
        diagnostics: toLspDiagnostics(result.diagnostics, result.lines, document.uri),
      });
    },
  );

  /** Runs a feature on the document's current result; null when the document is not open. */
  const withResult = <T>(uri: string, feature: (result: CheckResult) => T): T | null => {
    const document = documents.get(uri);
    return document ? feature(analyzer.resultFor(document)) : null;
  };

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        foldingRangeProvider: true,
        renameProvider: { prepareProvider: true },
        documentHighlightProvider: true,
        completionProvider: { triggerCharacters: [" ", ",", "@"] },
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: "pexnet-language-server" },
    }),
  );

  documents.onDidOpen((event) => analyzer.schedule(event.document));
  documents.onDidChangeContent((event) => analyzer.schedule(event.document));
  documents.onDidClose((event) => {
    analyzer.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover((params) => withResult(params.textDocument.uri, (result) => hover(result, params)));
  connection.onDocumentSymbol((params) => withResult(params.textDocument.uri, documentSymbols));
  connection.onDefinition((params) => withResult(params.textDocument.uri, (result) => definition(result, params)));
  connection.onReferences((params) => withResult(params.textDocument.uri, (result) => references(result, params)));
  connection.onFoldingRanges((params) => withResult(params.textDocument.uri, foldingRanges));
  connection.onCodeAction((params) => withResult(params.textDocument.uri, (result) => codeActions(result, params)));
  connection.onPrepareRename((params) => withResult(params.textDocument.uri, (result) => prepareRename(result, params)));
  connection.onRenameRequest((params) => withResult(params.textDocument.uri, (result) => rename(result, params)));
  connection.onDocumentHighlight((params) => withResult(params.textDocument.uri, (result) => documentHighlights(result, params)));
  connection.onCompletion((params) => withResult(params.textDocument.uri, (result) => completion(result, params)));
  connection.onDocumentFormatting((params) =>
    withResult(params.textDocument.uri, (result) => formatting(result, documents.get(params.textDocument.uri)!.getText(), params.options)),
  );
  connection.languages.semanticTokens.on((params) => withResult(params.textDocument.uri, semanticTokens) ?? { data: [] });
  connection.onWorkspaceSymbol((params) =>
    workspaceSymbols(documents.all().map((document) => ({ uri: document.uri, result: analyzer.resultFor(document) })), params.query),
  );
  connection.onCodeLens((params) => withResult(params.textDocument.uri, codeLenses));
  connection.onShutdown(() => analyzer.dispose());

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer();
