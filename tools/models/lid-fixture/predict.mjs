// Reads documents (JSON lines with `input`) on stdin and writes fastText's top-k predictions for
// each (threshold 0.0, as fastText's Python predict that Data-Juicer calls) as JSON lines.
// The binding appends the "\n" that fastText's Python predict appends, so the line ends with </s>.
//   node predict.mjs PACKAGE/dist/index.mjs [MODEL_FILE [K]]   (default: the package's lid.176.ftz, k 1)
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";

const { FastText } = await import(process.argv[2]);
const ft = await FastText.create();
if (process.argv[3]) {
  await ft.loadModel(new Uint8Array(await readFile(process.argv[3])));
} else {
  await ft.loadModel();
}
const k = Number(process.argv[4] ?? 1);
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line) continue;
  const doc = JSON.parse(line);
  const v = ft.ft.predict(doc.input, k, 0.0);
  const out = { id: doc.id };
  if (v.size() > 0) {
    [out.prob, out.label] = v.get(0);
  }
  if (k > 1) {
    out.top = [];
    for (let i = 0; i < v.size(); i++) {
      const [prob, label] = v.get(i);
      out.top.push({ label, prob });
    }
  }
  v.delete();
  process.stdout.write(JSON.stringify(out) + "\n");
}
