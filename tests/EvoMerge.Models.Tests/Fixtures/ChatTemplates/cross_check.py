"""Renders every fixture case again with Python's Jinja2 configured as transformers' apply_chat_template does
(ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, loopcontrols, its tojson, raise_exception,
strftime_now) and exits non-zero when any output differs from the @huggingface/jinja one in cases.jsonl.
Usage: python3 cross_check.py FIXTURE_DIR  (needs the jinja2 package)."""
import json
import sys
from datetime import datetime
from pathlib import Path

from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


class TemplateError(Exception):
    pass


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def main(root):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)
    differences = 0
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        template = env.from_string(config["chat_template"])
        specials = {k: v for k, v in config.items() if k != "chat_template"}
        for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            try:
                got = ("expected", template.render(**specials, **case["variables"]))
            except TemplateError as e:
                got = ("error", str(e))
            want = ("expected", case["expected"]) if "expected" in case else ("error", case["error"])
            if got != want:
                differences += 1
                print(f"{folder.name}/{case['name']}: Jinja2 {got!r} != @huggingface/jinja {want!r}")
    print(f"cross-check: {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
