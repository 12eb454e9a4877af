// Cross-check of the Unigram goldens with tokenizers.js (@huggingface/tokenizers, the tokenizer of
// transformers.js), an implementation of HF's pipeline independent of both sentencepiece and tails.
// Its Precompiled normalizer does not read the charsmap: it approximates nmt_nfkc with a few
// regexes and String.normalize("NFKC"), so it may differ where the charsmap does something else.
//
//   cd /tmp/tjs && npm install --ignore-scripts @huggingface/tokenizers
//   NODE_PATH=/tmp/tjs/node_modules node scripts/goldens/transformersjs_check.mjs [json|legacy|camembert]
// Prints, per input set, how many lines give the same ids as sentencepiece's golden, and each
// difference. With route "legacy" it also writes legacy.jsonl: tokenizers.js's encodings with
// legacy/tokenizer.json (whose whitespace handling differs from sentencepiece's) of every line
// where, with json/tokenizer.json, it agrees with sentencepiece (its charsmap stand-in is exact there).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH ?? "/tmp/tjs/node_modules", "x.js"));
const { Tokenizer } = require("@huggingface/tokenizers");
const dir = "src/test/resources/tokenizers/xlmr-unigram";
const route = process.argv[2] ?? "json";
const load = (r) => new Tokenizer(JSON.parse(fs.readFileSync(path.join(dir, r, "tokenizer.json"), "utf8")), {});
const tokenizer = load(route);
const reference = load("json");
const legacy = [];

let same = 0, total = 0;
// the camembert layout's goldens are one file for all sets
const sets = route === "camembert" ? ["camembert"] : ["visible", "edge", "pairs", "adversarial", "multilingual"];
for (const set of sets) {
  let setSame = 0, setTotal = 0;
  for (const line of fs.readFileSync(path.join(dir, set + ".jsonl"), "utf8").split("\n").filter(Boolean)) {
    const golden = JSON.parse(line);
    const options = golden.text_pair === undefined ? {} : { text_pair: golden.text_pair };
    const ours = tokenizer.encode(golden.text, options);
    setTotal++;
    if (route === "legacy" && JSON.stringify(reference.encode(golden.text, options).ids) === JSON.stringify(golden.ids)) {
      legacy.push(JSON.stringify({ set, text: golden.text, ...(golden.text_pair === undefined ? {} : { text_pair: golden.text_pair }),
        ids: ours.ids, tokens: ours.tokens }));
    }
    if (JSON.stringify(ours.ids) === JSON.stringify(golden.ids)) {
      setSame++;
    } else {
      console.log(`${set}: ${JSON.stringify(golden.text).slice(0, 70)}\n  sentencepiece: ${golden.tokens.join(" ")}\n  tokenizers.js: ${ours.tokens.join(" ")}`);
    }
  }
  console.log(`${set}: ${setSame}/${setTotal} lines with the same ids`);
  same += setSame;
  total += setTotal;
}
console.log(`all: ${same}/${total} lines with the same ids (${route})`);
if (route === "legacy") {
  fs.writeFileSync(path.join(dir, "legacy.jsonl"), legacy.join("\n") + "\n");
  console.log(`legacy.jsonl: ${legacy.length} lines`);
}
