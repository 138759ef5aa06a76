namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// Builds the statement tree of a template from its segments. Statements: if/elif/else, for (with an inline
/// <c>if</c> filter and <c>else</c>), set (plain, tuple, namespace attribute and block form), macro, break,
/// continue and transformers' generation block. Anything else is an error naming its position.
/// </summary>
sealed class TemplateParser
{
    readonly TemplateSource _source;
    readonly IReadOnlyList<TemplateSegment> _segments;
    int _next;

    TemplateParser(TemplateSource source, IReadOnlyList<TemplateSegment> segments)
    {
        _source = source;
        _segments = segments;
    }

    public static IReadOnlyList<TemplateNode> Parse(TemplateSource source, IReadOnlyList<TemplateSegment> segments)
    {
        var parser = new TemplateParser(source, segments);
        var body = parser.Body([], out var stop);
        if (stop is not null)
            throw source.Error(stop.Value.Position, $"'{stop.Value.Text}' without a block it closes.");
        return body;
    }

    /// <summary>Statements up to one of the <paramref name="enders"/> tags (returned in <paramref name="stop"/>, its tokens still unread after the name).</summary>
    List<TemplateNode> Body(string[] enders, out TemplateToken? stop)
    {
        var nodes = new List<TemplateNode>();
        while (_next < _segments.Count)
        {
            var segment = _segments[_next++];
            switch (segment)
            {
                case TemplateSegment.Text text:
                    nodes.Add(new TemplateNode.Text(text.Value, text.Position));
                    break;
                case TemplateSegment.Output output:
                    var reader = new ExpressionParser(_source, output.Tokens);
                    nodes.Add(new TemplateNode.Output(reader.Expression(), output.Position));
                    reader.ExpectEnd();
                    break;
                case TemplateSegment.Tag tag:
                    var keyword = tag.Tokens[0];
                    if (keyword.Kind != TokenKind.Name)
                        throw _source.Error(keyword.Position, "a '{%' tag must start with a statement name.");
                    if (enders.Contains(keyword.Text) || IsCloser(keyword.Text))
                    {
                        stop = keyword;
                        if (!enders.Contains(keyword.Text))
                            throw _source.Error(keyword.Position, $"unexpected '{keyword.Text}'" + (enders.Length > 0 ? $"; expected {string.Join(" or ", enders.Select(e => $"'{e}'"))}." : "."));
                        _next--;
                        return nodes;
                    }
                    nodes.Add(Statement(tag));
                    break;
            }
        }
        if (enders.Length > 0)
            throw _source.Error(_source.Text.Length, $"the template ends before {string.Join(" or ", enders.Select(e => $"'{e}'"))}.");
        stop = null;
        return nodes;
    }

    static bool IsCloser(string name) => name is "endif" or "elif" or "else" or "endfor" or "endset" or "endmacro" or "endgeneration";

    /// <summary>Consumes the closing tag found by <see cref="Body"/>, returning a reader over the rest of its tokens.</summary>
    ExpressionParser TakeCloser()
    {
        var tag = (TemplateSegment.Tag)_segments[_next++];
        var reader = new ExpressionParser(_source, tag.Tokens);
        reader.Advance();
        return reader;
    }

    TemplateNode Statement(TemplateSegment.Tag tag)
    {
        var reader = new ExpressionParser(_source, tag.Tokens);
        var keyword = reader.Advance();
        switch (keyword.Text)
        {
            case "if":
                return If(reader, tag.Position);
            case "for":
                return For(reader, tag.Position);
            case "set":
                return Set(reader, tag.Position);
            case "macro":
                return Macro(reader, tag.Position);
            case "break":
                reader.ExpectEnd();
                return new TemplateNode.Break(tag.Position);
            case "continue":
                reader.ExpectEnd();
                return new TemplateNode.Continue(tag.Position);
            case "generation":
                reader.ExpectEnd();
                var body = Body(["endgeneration"], out _);
                TakeCloser().ExpectEnd();
                return new TemplateNode.Generation(body, tag.Position);
            default:
                throw _source.Error(keyword.Position, $"the statement '{keyword.Text}' is not supported by EvoMerge's chat template renderer.");
        }
    }

    TemplateNode If(ExpressionParser reader, int position)
    {
        var branches = new List<(TemplateExpression, IReadOnlyList<TemplateNode>)>();
        var condition = reader.Expression();
        reader.ExpectEnd();
        while (true)
        {
            var body = Body(["elif", "else", "endif"], out var stop);
            branches.Add((condition, body));
            var closer = TakeCloser();
            switch (stop!.Value.Text)
            {
                case "elif":
                    condition = closer.Expression();
                    closer.ExpectEnd();
                    continue;
                case "else":
                    closer.ExpectEnd();
                    var otherwise = Body(["endif"], out _);
                    TakeCloser().ExpectEnd();
                    return new TemplateNode.If(branches, otherwise, position);
                default:
                    closer.ExpectEnd();
                    return new TemplateNode.If(branches, [], position);
            }
        }
    }

    TemplateNode For(ExpressionParser reader, int position)
    {
        var targets = new List<string> { reader.Name() };
        while (reader.Skip(","))
            targets.Add(reader.Name());
        reader.ExpectName("in");
        // The iterable stops before an inline 'if' filter, which a conditional expression would otherwise swallow.
        var iterable = reader.Expression(allowConditional: false);
        TemplateExpression? condition = null;
        if (reader.SkipName("if"))
            condition = reader.Expression();
        if (reader.SkipName("recursive"))
            throw _source.Error(position, "recursive for loops are not supported by EvoMerge's chat template renderer.");
        reader.ExpectEnd();
        var body = Body(["else", "endfor"], out var stop);
        var closer = TakeCloser();
        closer.ExpectEnd();
        IReadOnlyList<TemplateNode> otherwise = [];
        if (stop!.Value.Text == "else")
        {
            otherwise = Body(["endfor"], out _);
            TakeCloser().ExpectEnd();
        }
        return new TemplateNode.For(targets, iterable, condition, body, otherwise, position);
    }

    TemplateNode Set(ExpressionParser reader, int position)
    {
        string first = reader.Name();
        if (reader.Skip("."))
        {
            string attribute = reader.Name();
            reader.Expect("=");
            var value = reader.Expression();
            reader.ExpectEnd();
            return new TemplateNode.Set(first, [attribute], value, position);
        }
        var targets = new List<string> { first };
        while (reader.Skip(","))
            targets.Add(reader.Name());
        if (targets.Count == 1 && reader.AtEnd)
        {
            reader.ExpectEnd();
            var body = Body(["endset"], out _);
            TakeCloser().ExpectEnd();
            return new TemplateNode.SetBlock(first, body, position);
        }
        reader.Expect("=");
        var assigned = reader.Expression();
        reader.ExpectEnd();
        return new TemplateNode.Set(null, targets, assigned, position);
    }

    TemplateNode Macro(ExpressionParser reader, int position)
    {
        string name = reader.Name();
        reader.Expect("(");
        var parameters = new List<(string, TemplateExpression?)>();
        while (!reader.Skip(")"))
        {
            if (parameters.Count > 0)
                reader.Expect(",");
            string parameter = reader.Name();
            parameters.Add((parameter, reader.Skip("=") ? reader.Expression() : null));
        }
        reader.ExpectEnd();
        var body = Body(["endmacro"], out _);
        TakeCloser().ExpectEnd();
        return new TemplateNode.Macro(name, parameters, body, position);
    }
}
