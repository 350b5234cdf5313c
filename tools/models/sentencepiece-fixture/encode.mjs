// Encodes each document of docs.jsonl (stdin) with real sentencepiece (the WebAssembly build in
// @sctg/sentencepiece-js) and the model file given, writing {"id", "pieces"} per line.
//   node encode.mjs PACKAGE_DIST_INDEX_JS MODEL_FILE < docs.jsonl > pieces.jsonl
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const [indexJs, modelFile] = process.argv.slice(2);
const { SentencePieceProcessor } = await import(indexJs);
const sp = new SentencePieceProcessor();
await sp.loadFromB64StringModel(readFileSync(modelFile).toString("base64"));

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line);
  process.stdout.write(JSON.stringify({ id: doc.id, pieces: sp.encodePieces(doc.input) }) + "\n");
}
