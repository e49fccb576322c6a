// The exchange both launch tests run against a server, whatever the transport: initialize,
// open a file with an error, wait for its diagnostics, then shut the server down.
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
}

export type Send = (message: Message) => void;
export type WaitFor = (matches: (message: Message) => boolean) => Promise<Message>;

/** A file whose one node lacks its location: it always gets an error. */
export const BROKEN_TEXT = "zone corp 10.0.0.0/8\nmanagement mgmt { ip 10.0.0.5 location }\n";

/** Initializes the server, opens `broken.pexnet` under `root`, and returns the published diagnostics. */
export function openBrokenFile(send: Send, waitFor: WaitFor, root: string): Promise<{ capabilities: any; diagnostics: any[] }> {
  return openFile(send, waitFor, join(root, "broken.pexnet"), BROKEN_TEXT);
}

/** Initializes the server, opens `text` as the file `path`, and returns the first diagnostics published for it. */
export async function openFile(send: Send, waitFor: WaitFor, path: string, text: string): Promise<{ capabilities: any; diagnostics: any[] }> {
  send({ id: 1, method: "initialize", params: { processId: process.pid, rootUri: null, capabilities: {} } });
  const initialized = await waitFor((message) => message.id === 1);
  assert.ok(initialized.result?.capabilities, "initialize answers with capabilities");
  send({ method: "initialized", params: {} });

  const uri = pathToFileURL(path).toString();
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "pexnet", version: 1, text } } });
  const published = await waitFor((message) => message.method === "textDocument/publishDiagnostics" && message.params?.uri === uri);
  return { capabilities: initialized.result.capabilities, diagnostics: published.params.diagnostics };
}

/** The polite end of a session. */
export async function shutDown(send: Send, waitFor: WaitFor): Promise<void> {
  send({ id: 2, method: "shutdown" });
  await waitFor((message) => message.id === 2);
  send({ method: "exit" });
}
