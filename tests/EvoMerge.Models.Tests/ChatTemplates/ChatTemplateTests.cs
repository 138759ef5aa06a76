using System.Text.Json;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Models.Tests.ChatTemplates;

/// <summary>The Jinja2 subset of chat templates, construct by construct; expected outputs are Python Jinja2's.</summary>
public sealed class ChatTemplateTests
{
    const string Messages = """{"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": " Hi "}, {"role": "assistant", "content": "Yo"}], "n": 7, "d": {"b": 2, "a": [1, "x"]}}""";

    static string Render(string template, string variables = Messages)
    {
        using var document = JsonDocument.Parse(variables);
        return ChatTemplate.Parse(template, "test-template").Render(document.RootElement, new DateTime(2024, 7, 26, 13, 5, 9));
    }

    [Theory]
    // whitespace control, trim_blocks and lstrip_blocks
    [InlineData("a  {%- if true %}\n  b\n  {%- endif -%}  \nc", "a  bc")]
    [InlineData("{% if true %}\nx\n{% endif %}\ny", "x\ny")]
    [InlineData("  {% if true %}x{% endif %}", "x")]
    [InlineData("  {%+ if true %}x{% endif %}", "  x")]
    [InlineData("a {% if true %}x{% endif %}", "a x")]
    [InlineData("{{ 'a' }}\nb", "a\nb")]
    [InlineData("{# comment #}\nx{#- c -#}  y", "xy")]
    // loops and loop variables
    [InlineData("{% for m in messages %}{{ loop.index0 }}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}", "01TrueFalse3|12FalseFalse3|23FalseTrue3|")]
    [InlineData("{% for m in messages if m.role != 'system' %}{{ m.role }}{{ loop.length }}{% endfor %}", "user2assistant2")]
    [InlineData("{% for m in [] %}x{% else %}empty{% endfor %}", "empty")]
    [InlineData("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "b=2;a=[1, 'x'];")]
    [InlineData("{% for x in range(5) %}{% if x == 3 %}{% break %}{% endif %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}", "02")]
    [InlineData("{% for m in messages[::-1] %}{{ m.role[0] }}{% endfor %}", "aus")]
    [InlineData("{% for m in messages %}{{ loop.cycle('a', 'b') }}{% endfor %}", "aba")]
    // set, scoping and namespace
    [InlineData("{% set x = 1 %}{% for m in messages %}{% set x = 2 %}{% endfor %}{{ x }}", "1")]
    [InlineData("{% set ns = namespace(x=1) %}{% for m in messages %}{% set ns.x = ns.x + 1 %}{% endfor %}{{ ns.x }}", "4")]
    [InlineData("{% if true %}{% set y = 'in if' %}{% endif %}{{ y }}", "in if")]
    [InlineData("{% set a, b = [1, 2] %}{{ b }}{{ a }}", "21")]
    [InlineData("{% set block %}x{{ n }}{% endset %}{{ block }}!", "x7!")]
    [InlineData("{% macro tag(name, close=false) %}<{{ '/' if close }}{{ name }}>{% endmacro %}{{ tag('a') }}{{ tag('a', close=true) }}", "<a></a>")]
    // operators
    [InlineData("{{ 1 + 2 * 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 3 }} {{ 4 / 2 }}", "7 3 -4 1 2 3.5 8 2.0")]
    [InlineData("{{ 'a' ~ 1 ~ none }} {{ 'ab' * 2 }} {{ [1] + [2] }}", "a1None abab [1, 2]")]
    [InlineData("{{ 1 < 2 and 'x' or 'y' }} {{ not 1 == 1 }} {{ 'b' in 'abc' }} {{ 3 not in [1, 2] }} {{ 'a' in d }}", "x False True True True")]
    [InlineData("{{ 'yes' if n > 5 else 'no' }}{{ 'never' if false }}", "yes")]
    [InlineData("{{ messages[0]['role'] }} {{ messages[-1].content }} {{ messages[5] is defined }} {{ d.missing is undefined }}", "system Yo False True")]
    [InlineData("{{ messages[1:] | length }} {{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ [1, 2, 3][:-1] }}", "2 el olleh [1, 2]")]
    [InlineData("{{ 'x' if (messages[0].role == 'system') != (n % 2 == 0) }}", "x")]
    // tests
    [InlineData("{{ n is number }}{{ n is string }}{{ 'a' is string }}{{ d is mapping }}{{ none is none }}{{ n is not none }}{{ n is odd }}{{ 6 is divisibleby 3 }}", "TrueFalseTrueTrueTrueTrueTrueTrue")]
    // filters
    [InlineData("{{ messages[1].content | trim }}|{{ 'Ab' | upper }}{{ 'Ab' | lower }}|{{ missing | default('dflt') }}|{{ '' | default('e', true) }}", "Hi|ABab|dflt|e")]
    [InlineData("{{ messages | selectattr('role', 'equalto', 'user') | list | length }} {{ messages | rejectattr('role', 'in', ['user', 'system']) | map(attribute='content') | join(',') }}", "1 Yo")]
    [InlineData("{{ messages | map(attribute='role') | first }} {{ messages | map(attribute='role') | list | last }} {{ ['a', 'b'] | join('-') }}", "system assistant a-b")]
    [InlineData("{{ 'a,b,c'.split(',') }} {{ 'a b  c'.split() }} {{ 'x-y' | replace('-', '+') }} {{ ' s '.strip() }}|{{ 'xxhixx'.strip('x') }}", "['a', 'b', 'c'] ['a', 'b', 'c'] x+y s|hi")]
    [InlineData("{{ 'hello'.startswith('he') }}{{ 'hello'.endswith(('x', 'lo')) }}{{ d.get('b') }}{{ d.get('z', 0) }}{{ d.keys() | list }}", "TrueTrue20['b', 'a']")]
    [InlineData("{{ d | tojson }}|{{ 'é\"<' | tojson }}|{{ [1, 2.5, true, none] | tojson }}", "{\"b\": 2, \"a\": [1, \"x\"]}|\"é\\\"<\"|[1, 2.5, true, null]")]
    [InlineData("{{ {'k': [1]} | tojson(indent=2) }}", "{\n  \"k\": [\n    1\n  ]\n}")]
    [InlineData("{{ d | items | list }} {{ 3 | string }}{{ '%d' | length }} {{ 'a b' | title }} {{ [3, 1, 2] | sort }}", "[('b', 2), ('a', [1, 'x'])] 32 A B [1, 2, 3]")]
    [InlineData("{{ 'é😀' | tojson(ensure_ascii=true) }}|{{ d | tojson(separators=(',', ':'), sort_keys=true) }}", "\"\\u00e9\\ud83d\\ude00\"|{\"a\":[1,\"x\"],\"b\":2}")]
    [InlineData("{{ none | trim }}|{{ missing | upper }}|{{ 12 | replace('1', 'x') }}", "None||x2")]
    [InlineData("{{ strftime_now('%d %b %Y %H:%M') }}", "26 Jul 2024 13:05")]
    [InlineData("{{ \"tab\\tnew\\nline \\u00e9\" }}", "tab\tnew\nline é")]
    public void Renders_like_jinja2(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ 1 + }}", "line 1, column 8")]
    [InlineData("{% if true %}x", "ends before")]
    [InlineData("x\n{% while true %}{% endwhile %}", "line 2, column 4")]
    [InlineData("{{ n | frobnicate }}", "filter 'frobnicate' is not supported")]
    [InlineData("{{ n is frobnicated }}", "test 'frobnicated' is not supported")]
    [InlineData("{{ 'a'.frobnicate() }}", "no method 'frobnicate'")]
    [InlineData("{{ missing.attribute }}", "'missing' is undefined")]
    [InlineData("{{ 1 + 'a' }}", "unsupported operand types for +: int and str")]
    [InlineData("{% endif %}", "unexpected 'endif'")]
    [InlineData("{{ 'unclosed }}", "never closed")]
    [InlineData("{{ raise_exception('Roles must alternate') }}", "refused the conversation: Roles must alternate")]
    public void Unknown_or_broken_constructs_are_errors_naming_the_template(string template, string problem)
    {
        var error = Assert.Throws<ChatTemplateException>(() => Render(template));
        Assert.StartsWith("test-template", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
