// tsconfig uses "moduleResolution": "node", which ignores package.json "exports", so the
// documented entry point "vscode-languageclient/node" cannot be resolved for types. This
// points TypeScript at the same declarations; at run time Node resolves the export itself.
declare module "vscode-languageclient/node" {
  export * from "vscode-languageclient/lib/node/main";
}
