// The pexnet language server: `node bin/pexnet-language-server.js --stdio`. It only wires
// LSP requests to the features in features/ (one file each) and the shared analysis cache.
import { readFileSync } from "fs";
import { fileURLToPath } from "url";
import {
  createConnection,
  ProposedFeatures,
  RequestType,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type Range,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { checkText, type CheckResult, type ParsedText } from "./core/check";
import type { LineIndex } from "./core/text-position";
import { debounceFromEnvironment, DocumentAnalyzer } from "./document-analyzer";
import { tuneV8ForEdits, tuneV8ForFirstCheck } from "./v8-tuning";
import { codeActions, FIX_ALL_KIND, GENERATE_KIND } from "./features/code-actions";
import { definition } from "./features/definition";
import { applySeverityOverrides, toLspDiagnostics } from "./features/diagnostics";
import {
  EXPORT_RULES_REQUEST,
  EXPORT_TARGETS_REQUEST,
  exportRules,
  exportTargets,
  REQUIRED_FLOWS_REQUEST,
  requiredFlows,
  type ExportRulesParams,
  type ExportRulesResult,
  type UriParams,
} from "./features/export-requests";
import { SettingsCache } from "./features/settings";
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

/** A range that still lies inside the text (an earlier finding kept over an edit). */
function withinText(range: Range, lines: LineIndex): boolean {
  const { line, character } = range.end;
  if (line >= lines.lineCount) return false;
  const last = lines.positionAt(Number.MAX_SAFE_INTEGER);
  const length = line === last.line ? last.character : lines.lineStart(line + 1) - 1 - lines.lineStart(line);
  return character <= length;
}

/** What the launcher (launcher.ts) does around the server's life. */
export interface ServerHooks {
  /** Once, right after the first check's diagnostics went out (the launcher writes its code cache). */
  afterFirstCheck?: () => void;
}

export function startServer(hooks: ServerHooks = {}): void {
  tuneV8ForFirstCheck();
  // createConnection reads the transport (--stdio, --node-ipc, --socket) from argv.
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);

  // pexnet.* settings: pulled with workspace/configuration once the client said it can answer.
  const settings = new SettingsCache(undefined);
  /** Client-side commands the client declared (initializationOptions.clientCommands). */
  let clientCommands = new Set<string>();

  /** What was last published per document: kept in the early syntax publish (no flicker). */
  const lastPublished = new Map<string, LspDiagnostic[]>();

  /** Publishes with the user's severity overrides, unless a newer version came meanwhile. */
  const send = async (document: TextDocument, diagnostics: (lines: LineIndex) => LspDiagnostic[], lines: LineIndex, keepEarlier: boolean): Promise<void> => {
    const { severityOverrides } = await settings.get(document.uri);
    if (documents.get(document.uri)?.version !== document.version) return;
    let out = applySeverityOverrides(diagnostics(lines), severityOverrides);
    if (keepEarlier) out = [...out, ...(lastPublished.get(document.uri) ?? []).filter((d) => d.code !== "syntax" && withinText(d.range, lines))];
    else lastPublished.set(document.uri, out);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: out });
  };
  const publish = (document: TextDocument, result: CheckResult): Promise<void> =>
    send(document, (lines) => toLspDiagnostics(result.diagnostics, lines, document.uri), result.lines, false);
  /** Syntax errors as soon as the text is parsed, with the other findings of the last analysis. */
  const publishSyntax = (document: TextDocument, parsed: ParsedText): Promise<void> =>
    send(document, (lines) => toLspDiagnostics(parsed.syntaxDiagnostics, lines, document.uri), parsed.lines, true);

  let checkedOnce = false;
  const analyzer = new DocumentAnalyzer(
    (uri) => documents.get(uri),
    (document, result) => {
      const published = publish(document, result);
      if (checkedOnce) return void published;
      checkedOnce = true;
      // After the publish has gone out, and before the flags change for edits: the code
      // cache must be written under the flags it will be read with.
      void published.finally(() =>
        setImmediate(() => {
          hooks.afterFirstCheck?.();
          tuneV8ForEdits();
        }),
      );
    },
    debounceFromEnvironment(),
    (document, parsed) => void publishSyntax(document, parsed),
  );

  /** Runs a feature on the document's current result; null when the document is not open. */
  const withResult = <T>(uri: string, feature: (result: CheckResult) => T): T | null => {
    const document = documents.get(uri);
    return document ? feature(analyzer.resultFor(document)) : null;
  };

  /** For the custom requests: the open document's result, else the file checked from disk. */
  const resultForUri = (uri: unknown): CheckResult => {
    if (typeof uri !== "string") throw new ResponseError(ErrorCodes.InvalidParams, "the request needs a uri");
    const document = documents.get(uri);
    if (document) return analyzer.resultFor(document);
    try {
      return checkText(readFileSync(fileURLToPath(uri), "utf8"));
    } catch (error) {
      throw new ResponseError(ErrorCodes.InvalidParams, `cannot read ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    if (params.capabilities.workspace?.configuration) {
      settings.setReader((scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: "pexnet" }));
    }
    const options = params.initializationOptions as { clientCommands?: unknown } | undefined;
    if (Array.isArray(options?.clientCommands)) {
      clientCommands = new Set(options.clientCommands.filter((c): c is string => typeof c === "string"));
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND, GENERATE_KIND] },
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
    };
  });

  // Settings changed: pull them again and republish every open document with them.
  connection.onDidChangeConfiguration((params) => {
    settings.changed(params?.settings);
    for (const document of documents.all()) void publish(document, analyzer.resultFor(document));
  });

  documents.onDidOpen((event) => {
    // Ask for the document's settings now: the answer comes in while the analysis runs, so
    // the first publish does not wait a round trip to the client after it.
    void settings.get(event.document.uri);
    analyzer.open(event.document);
  });
  documents.onDidChangeContent((event) => analyzer.schedule(event.document));
  documents.onDidClose((event) => {
    analyzer.forget(event.document.uri);
    settings.forget(event.document.uri);
    lastPublished.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover((params) => withResult(params.textDocument.uri, (result) => hover(result, params)));
  connection.onDocumentSymbol((params) => withResult(params.textDocument.uri, documentSymbols));
  connection.onDefinition((params) => withResult(params.textDocument.uri, (result) => definition(result, params)));
  connection.onReferences((params) => withResult(params.textDocument.uri, (result) => references(result, params)));
  connection.onFoldingRanges((params) => withResult(params.textDocument.uri, foldingRanges));
  connection.onCodeAction(async (params) => {
    const platform = clientCommands.size > 0 ? (await settings.get(params.textDocument.uri)).defaultPlatform : undefined;
    return withResult(params.textDocument.uri, (result) => codeActions(result, params, { platform, clientCommands }));
  });
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
  connection.onCodeLens((params) =>
    withResult(params.textDocument.uri, (result) => codeLenses(result, { uri: params.textDocument.uri, clientCommands })),
  );
  connection.onRequest(EXPORT_TARGETS_REQUEST, (params: UriParams) => exportTargets(resultForUri(params?.uri)));
  connection.onRequest(new RequestType<ExportRulesParams, ExportRulesResult, void>(EXPORT_RULES_REQUEST), (params) =>
    exportRules(resultForUri(params?.uri), params),
  );
  connection.onRequest(REQUIRED_FLOWS_REQUEST, (params: UriParams) => requiredFlows(resultForUri(params?.uri), params));
  connection.onShutdown(() => analyzer.dispose());

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer();
