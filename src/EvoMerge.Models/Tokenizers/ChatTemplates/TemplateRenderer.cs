using System.Text;
using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;
using E = EvoMerge.Models.Tokenizers.ChatTemplates.TemplateExpression;
using N = EvoMerge.Models.Tokenizers.ChatTemplates.TemplateNode;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>Runs a parsed template: statements write to a buffer, expressions evaluate with Python semantics.</summary>
sealed class TemplateRenderer(TemplateSource source)
{
    enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public TemplateSource Source { get; } = source;

    public string Render(IReadOnlyList<TemplateNode> body, TemplateScope scope)
    {
        var output = new StringBuilder();
        if (Execute(body, scope, output) != Flow.Normal)
            throw Source.Error(0, "'break' or 'continue' outside a for loop.");
        return output.ToString();
    }

    Flow Execute(IReadOnlyList<TemplateNode> body, TemplateScope scope, StringBuilder output)
    {
        foreach (var node in body)
        {
            var flow = ExecuteOne(node, scope, output);
            if (flow != Flow.Normal)
                return flow;
        }
        return Flow.Normal;
    }

    Flow ExecuteOne(TemplateNode node, TemplateScope scope, StringBuilder output)
    {
        switch (node)
        {
            case N.Text text:
                output.Append(text.Value);
                return Flow.Normal;
            case N.Output value:
                output.Append(ToText(Evaluate(value.Value, scope)));
                return Flow.Normal;
            case N.If choice:
                foreach (var (condition, branch) in choice.Branches)
                {
                    if (IsTrue(Evaluate(condition, scope)))
                        return Execute(branch, scope, output);
                }
                return Execute(choice.Else, scope, output);
            case N.For loop:
                RunLoop(loop, scope, output);
                return Flow.Normal;
            case N.Set set:
                Assign(set, Evaluate(set.Value, scope), scope);
                return Flow.Normal;
            case N.SetBlock block:
                var captured = new StringBuilder();
                Execute(block.Body, scope, captured);
                scope.Set(block.Target, captured.ToString());
                return Flow.Normal;
            case N.Macro macro:
                scope.Set(macro.Name, MacroFunction(macro, scope));
                return Flow.Normal;
            case N.Generation generation:
                return Execute(generation.Body, scope, output);
            case N.Break:
                return Flow.Break;
            case N.Continue:
                return Flow.Continue;
            default:
                throw Source.Error(node.Position, "unknown statement.");
        }
    }

    void Assign(N.Set set, object? value, TemplateScope scope)
    {
        if (set.Namespace is { } name)
        {
            if (!scope.TryGet(name, out var target) || target is not TemplateNamespace ns)
                throw Source.Error(set.Position, $"'{name}' is not a namespace; only attributes of namespace() objects can be set.");
            ns.Attributes[set.Targets[0]] = value;
            return;
        }
        Bind(set.Targets, value, scope, set.Position);
    }

    void Bind(IReadOnlyList<string> targets, object? value, TemplateScope scope, int position)
    {
        if (targets.Count == 1)
        {
            scope.Set(targets[0], value);
            return;
        }
        var items = Guard(position, () => Iterate(value).ToList());
        if (items.Count != targets.Count)
            throw Source.Error(position, $"cannot unpack {items.Count} values into {targets.Count} names ({string.Join(", ", targets)}).");
        for (int i = 0; i < targets.Count; i++)
            scope.Set(targets[i], items[i]);
    }

    void RunLoop(N.For loop, TemplateScope outer, StringBuilder output)
    {
        var iterable = Evaluate(loop.Iterable, outer);
        if (iterable is Undefined undefined)
            iterable = new List<object?>();
        var items = Guard(loop.Position, () => Iterate(iterable).ToList());
        var scope = new TemplateScope(outer);
        if (loop.Condition is { } condition)
        {
            items = items.Where(item =>
            {
                Bind(loop.Targets, item, scope, loop.Position);
                return IsTrue(Evaluate(condition, scope));
            }).ToList();
        }
        if (items.Count == 0)
        {
            Execute(loop.Else, outer, output);
            return;
        }
        for (int i = 0; i < items.Count; i++)
        {
            Bind(loop.Targets, items[i], scope, loop.Position);
            scope.Set("loop", LoopVariable(items, i));
            if (Execute(loop.Body, scope, output) == Flow.Break)
                break;
        }
    }

    static Dictionary<string, object?> LoopVariable(List<object?> items, int i) => new(StringComparer.Ordinal)
    {
        ["index0"] = (long)i,
        ["index"] = (long)i + 1,
        ["revindex0"] = (long)(items.Count - i - 1),
        ["revindex"] = (long)(items.Count - i),
        ["first"] = i == 0,
        ["last"] = i == items.Count - 1,
        ["length"] = (long)items.Count,
        ["depth"] = 1L,
        ["depth0"] = 0L,
        ["previtem"] = i > 0 ? items[i - 1] : Undefined.Of("loop.previtem"),
        ["nextitem"] = i + 1 < items.Count ? items[i + 1] : Undefined.Of("loop.nextitem"),
        ["cycle"] = (TemplateFunction)((args, _) => args.Count == 0
            ? throw new InvalidOperationException("loop.cycle() needs at least one value")
            : args[i % args.Count]),
    };

    TemplateFunction MacroFunction(N.Macro macro, TemplateScope defining) => (args, keywords) =>
    {
        if (args.Count > macro.Parameters.Count)
            throw new InvalidOperationException($"macro '{macro.Name}' takes {macro.Parameters.Count} arguments, got {args.Count}");
        var scope = new TemplateScope(defining);
        for (int i = 0; i < macro.Parameters.Count; i++)
        {
            var (name, fallback) = macro.Parameters[i];
            object? value = i < args.Count ? args[i]
                : keywords.TryGetValue(name, out var given) ? given
                : fallback is not null ? Evaluate(fallback, scope)
                : Undefined.Of(name);
            scope.Set(name, value);
        }
        foreach (var name in keywords.Keys.Where(k => macro.Parameters.All(p => p.Name != k)))
            throw new InvalidOperationException($"macro '{macro.Name}' has no parameter '{name}'");
        var output = new StringBuilder();
        Execute(macro.Body, scope, output);
        return output.ToString();
    };

    public object? Evaluate(E expression, TemplateScope scope)
    {
        switch (expression)
        {
            case E.Literal literal:
                return literal.Value;
            case E.Variable variable:
                return scope.TryGet(variable.Name, out var value) ? value : Undefined.Of(variable.Name);
            case E.ListDisplay list:
                var items = list.Items.Select(item => Evaluate(item, scope)).ToList();
                return list.IsTuple ? items.ToArray() : items;
            case E.DictDisplay dict:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in dict.Pairs)
                {
                    result[Evaluate(key, scope) as string ?? throw Source.Error(key.Position, "dictionary keys must be strings.")] =
                        Evaluate(item, scope);
                }
                return result;
            case E.Attribute attribute:
                var owner = Evaluate(attribute.Target, scope);
                return Guard(attribute.Position, () => Member(owner, attribute.Name, Describe(attribute.Target) + "." + attribute.Name));
            case E.Item item:
                var container = Evaluate(item.Target, scope);
                var index = Evaluate(item.Key, scope);
                return Guard(item.Position, () => Subscript(container, index, $"{Describe(item.Target)}[{Repr(index)}]"));
            case E.Slice slice:
                var sliced = Evaluate(slice.Target, scope);
                var (start, stop, step) = (Optional(slice.Start, scope), Optional(slice.Stop, scope), Optional(slice.Step, scope));
                return Guard(slice.Position, () => TemplateSlicing.Slice(sliced, start, stop, step));
            case E.Call call:
                return Invoke(call, scope);
            case E.Filter filter:
                var input = Evaluate(filter.Value, scope);
                var (filterArgs, filterKeywords) = Arguments(filter.Arguments, scope);
                return Guard(filter.Position, () => TemplateFilters.Apply(this, filter.Name, input, filterArgs, filterKeywords));
            case E.Test test:
                var tested = Evaluate(test.Value, scope);
                var (testArgs, _) = Arguments(test.Arguments, scope);
                return Guard(test.Position, () => TemplateTests.Apply(test.Name, tested, testArgs) != test.Negated);
            case E.Binary { Operator: "and" } both:
                var left = Evaluate(both.Left, scope);
                return IsTrue(left) ? Evaluate(both.Right, scope) : left;
            case E.Binary { Operator: "or" } either:
                var first = Evaluate(either.Left, scope);
                return IsTrue(first) ? first : Evaluate(either.Right, scope);
            case E.Binary binary:
                var (a, b) = (Evaluate(binary.Left, scope), Evaluate(binary.Right, scope));
                return Guard(binary.Position, () => TemplateOperators.Apply(binary.Operator, a, b));
            case E.Unary unary:
                var operand = Evaluate(unary.Operand, scope);
                return unary.Operator switch
                {
                    "not" => !IsTrue(operand),
                    "-" => Guard(unary.Position, () => operand is long l ? -l : (object)-ToDouble(operand)),
                    _ => Guard(unary.Position, () => operand is long or double ? operand : throw new InvalidOperationException($"bad operand for unary +: {TypeName(operand)}")),
                };
            case E.Conditional conditional:
                return IsTrue(Evaluate(conditional.Condition, scope)) ? Evaluate(conditional.Then, scope)
                    : conditional.Else is { } otherwise ? Evaluate(otherwise, scope) : Undefined.Of("the else branch of a conditional");
            default:
                throw Source.Error(expression.Position, "unknown expression.");
        }
    }

    object? Optional(E? expression, TemplateScope scope) => expression is null ? null : Evaluate(expression, scope);

    (List<object?>, Dictionary<string, object?>) Arguments(TemplateArguments arguments, TemplateScope scope) =>
        (arguments.Positional.Select(a => Evaluate(a, scope)).ToList(),
         arguments.Keywords.ToDictionary(k => k.Name, k => Evaluate(k.Value, scope), StringComparer.Ordinal));

    object? Invoke(E.Call call, TemplateScope scope)
    {
        var (args, keywords) = Arguments(call.Arguments, scope);
        if (call.Callee is E.Attribute method)
        {
            var target = Evaluate(method.Target, scope);
            if (target is Undefined undefined)
                throw Source.Error(call.Position, $"'{undefined.Description}' is undefined; cannot call .{method.Name}().");
            bool isStoredFunction = target is Dictionary<string, object?> dict && dict.TryGetValue(method.Name, out var stored) && stored is TemplateFunction
                || target is TemplateNamespace ns && ns.Attributes.TryGetValue(method.Name, out stored) && stored is TemplateFunction;
            if (!isStoredFunction)
                return Guard(call.Position, () => TemplateMethods.Call(target, method.Name, args, keywords));
        }
        var callee = Evaluate(call.Callee, scope);
        if (callee is not TemplateFunction function)
            throw Source.Error(call.Position, $"'{Describe(call.Callee)}' is {TypeName(callee)}, not a function.");
        return Guard(call.Position, () => function(args, keywords));
    }

    static object? Member(object? owner, string name, string description) => owner switch
    {
        Undefined u => throw new InvalidOperationException($"'{u.Description}' is undefined; cannot read .{name}"),
        Dictionary<string, object?> dict => dict.TryGetValue(name, out var value) ? value : Undefined.Of(description),
        TemplateNamespace ns => ns.Attributes.TryGetValue(name, out var value) ? value : Undefined.Of(description),
        _ => Undefined.Of(description),
    };

    static object? Subscript(object? container, object? key, string description)
    {
        switch (container, key)
        {
            case (Undefined u, _):
                throw new InvalidOperationException($"'{u.Description}' is undefined; cannot index it");
            case (Dictionary<string, object?> dict, string name):
                return dict.TryGetValue(name, out var value) ? value : Undefined.Of(description);
            case (List<object?> or object?[] or string, long or bool):
                var items = container is string s ? Characters(s) : Iterate(container).ToList();
                long i = (long)ToDouble(key);
                if (i < 0)
                    i += items.Count;
                return i >= 0 && i < items.Count ? items[(int)i] : Undefined.Of(description);
            case (_, string attribute):
                return Member(container, attribute, description);
            default:
                return Undefined.Of(description);
        }
    }

    /// <summary>Source-like text of an expression for error messages, e.g. "messages[0].role".</summary>
    static string Describe(E expression) => expression switch
    {
        E.Variable v => v.Name,
        E.Attribute a => Describe(a.Target) + "." + a.Name,
        E.Item i => $"{Describe(i.Target)}[{(i.Key is E.Literal l ? Repr(l.Value) : "...")}]",
        E.Call c => Describe(c.Callee) + "(...)",
        _ => "the expression",
    };

    /// <summary>Runs a value operation, turning its failure into an error at the expression's position.</summary>
    T Guard<T>(int position, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (InvalidOperationException e)
        {
            throw Source.Error(position, e.Message + ".");
        }
    }
}
