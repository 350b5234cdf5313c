// Tokenizes the toy texts (a JSON array, argv[4]) with each toy tokenizer (argv[3..]: names, files
// in argv[3]) through the tokenizers library, and prints the toy reference JSON.
//
//   node toy_reference.mjs TOKENIZERS_PACKAGE_DIR TEXTS_JSON TOY_DIR NAME...
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { Tokenizer } = require(process.argv[2]);
const texts = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const dir = process.argv[4];
const toys = {};
for (const name of process.argv.slice(5)) {
  const tokenizer = Tokenizer.fromFile(`${dir}/toy-${name}.json`);
  const cases = [];
  for (const text of texts) {
    const enc = await tokenizer.encode(text, null, { addSpecialTokens: false });
    cases.push({ text, ids: enc.getIds() });
  }
  toys[name] = cases;
}
// one case a line, so a regenerated fixture diffs per case
const lines = Object.entries(toys).map(([name, cases]) =>
  `${JSON.stringify(name)}: [\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]`);
process.stdout.write(`{"reference": ${JSON.stringify(process.env.REFERENCE)}, "toys": {\n${lines.join(',\n')}\n}}\n`);
