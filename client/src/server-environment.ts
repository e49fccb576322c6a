// What the language server's process gets added to the editor's environment when pexnet
// starts it. Shared by the VS Code client and the benchmark, which starts the server the same
// way.
//
// NODE_EXTRA_CA_CERTS is cleared: Node 20 loads the certificate store as it starts when this
// variable is set (about 45 ms here, before any of the server's code runs; machines behind a
// TLS-inspecting proxy often set it), and the server never opens a TLS connection. Node
// treats an empty value as unset; an empty value is also the only way to clear it through
// vscode-languageclient, which adds these keys to the client's own environment.
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { NODE_EXTRA_CA_CERTS: "" };
