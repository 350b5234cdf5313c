// Encodes each text of texts.jsonl (stdin) with real sentencepiece (the WebAssembly build in
// @sctg/sentencepiece-js) under every model variant of VARIANTS_DIR/variants.json, writing the
// fixture: the variants (name, base model, edit) and per text its id, text and pieces per variant.
//   node encode_variants.mjs PACKAGE_DIST_INDEX_JS VARIANTS_DIR PACKAGE < texts.jsonl > fixture.json
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const [indexJs, dir, pkg] = process.argv.slice(2);
const { SentencePieceProcessor } = await import(indexJs);
const variants = JSON.parse(readFileSync(`${dir}/variants.json`, "utf8"));
const texts = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim()) texts.push(JSON.parse(line));
}
for (const v of variants) {
  const sp = new SentencePieceProcessor();
  await sp.loadFromB64StringModel(readFileSync(`${dir}/${v.name}.model`).toString("base64"));
  for (const t of texts) (t.pieces ??= {})[v.name] = sp.encodePieces(t.text);
}
const about = "sentencepiece's own encode_as_pieces under variants of the two real models that switch on the "
  + "options those models do not use (WebAssembly sentencepiece of " + pkg + "); each variant is its base "
  + "model with protobuf fields appended as `edit` says (normalizer/trainer: field number -> value; "
  + "piece_types: piece id -> type; byte_pieces: 256 <0xXX> pieces appended). "
  + "Regenerate with tools/models/sentencepiece-fixture/gen.sh.";
// one text per line keeps the file small and its diffs readable
const head = JSON.stringify({ about, package: pkg, variants }).slice(0, -1);
process.stdout.write(head + ",\n\"texts\": [\n" + texts.map((t) => JSON.stringify(t)).join(",\n") + "\n]}\n");
