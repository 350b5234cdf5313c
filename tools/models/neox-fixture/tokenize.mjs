// Tokenizes each document of docs.jsonl (stdin) with the tokenizers library itself (the Rust
// code Data-Juicer's transformers tokenizer runs, through its Node binding) and writes one JSON
// line per document: id, count and ids. encode(text, null, {addSpecialTokens: false}) is
// transformers' tokenizer.tokenize(text).
//
//   node tokenize.mjs TOKENIZERS_PACKAGE_DIR TOKENIZER_JSON < docs.jsonl > tokens.jsonl
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const { Tokenizer } = require(process.argv[2]);
const tokenizer = Tokenizer.fromFile(process.argv[3]);

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line);
  const enc = await tokenizer.encode(doc.text, null, { addSpecialTokens: false });
  const ids = enc.getIds();
  process.stdout.write(JSON.stringify({ corpus: doc.corpus, id: doc.id, count: ids.length, ids }) + '\n');
}
