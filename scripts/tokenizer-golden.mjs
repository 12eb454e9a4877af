// Token ids of every text of a jsonl file (one JSON string per line) by transformers.js, from one tokenizer.json:
// the independent route tails' tokenizer is checked against (src/test/resources/embed/tokenizer-golden.jsonl).
// Usage (npm from the registry; --ignore-scripts: only the tokenizer is needed, not onnxruntime-node's binaries):
//   (mkdir -p /tmp/tjs && cd /tmp/tjs && npm install --ignore-scripts @huggingface/transformers@4.3.2)
//   cp scripts/tokenizer-golden.mjs /tmp/tjs/ && node /tmp/tjs/tokenizer-golden.mjs weights/all-minilm-l6-v2/tokenizer.json \
//       src/test/resources/embed/texts.jsonl > src/test/resources/embed/tokenizer-golden.jsonl
import { readFileSync, mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { AutoTokenizer, env } from '@huggingface/transformers';
const [tokenizerJson, textsFile] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'tok-'));
copyFileSync(tokenizerJson, join(dir, 'tokenizer.json'));
writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'BertTokenizer' }));
env.allowRemoteModels = false;
env.localModelPath = '';
const tokenizer = await AutoTokenizer.from_pretrained(dir);
const texts = readFileSync(textsFile, 'utf8').split('\n').filter(l => l.length > 0).map(l => JSON.parse(l));
texts.forEach((text, line) => console.log(JSON.stringify({ line, ids: tokenizer.encode(text) })));
