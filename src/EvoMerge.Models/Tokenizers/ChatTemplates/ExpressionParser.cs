using E = EvoMerge.Models.Tokenizers.ChatTemplates.TemplateExpression;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// Jinja2's expression grammar over one tag's tokens, loosest first: conditional <c>a if c else b</c>, <c>or</c>,
/// <c>and</c>, <c>not</c>, comparisons and <c>in</c>, <c>~</c>, <c>+ -</c>, <c>* / // %</c>, <c>**</c>, unary
/// <c>- +</c>, then a primary with attributes, items, slices, calls, filters (<c>|f</c>) and tests (<c>is t</c>).
/// </summary>
sealed class ExpressionParser(TemplateSource source, IReadOnlyList<TemplateToken> tokens)
{
    static readonly string[] Comparisons = ["==", "!=", "<", ">", "<=", ">="];
    int _at;

    TemplateToken Current => tokens[_at];

    public bool AtEnd => Current.Kind == TokenKind.End;

    public TemplateToken Advance() => tokens[_at++];

    public bool Skip(string op)
    {
        if (!Current.Is(op))
            return false;
        _at++;
        return true;
    }

    public bool SkipName(string name)
    {
        if (!Current.IsName(name))
            return false;
        _at++;
        return true;
    }

    public void Expect(string op)
    {
        if (!Skip(op))
            throw Unexpected($"'{op}'");
    }

    public void ExpectName(string name)
    {
        if (!SkipName(name))
            throw Unexpected($"'{name}'");
    }

    public string Name() => Current.Kind == TokenKind.Name ? Advance().Text : throw Unexpected("a name");

    public void ExpectEnd()
    {
        if (!AtEnd)
            throw Unexpected($"the end of the tag ('{tokens[^1].Text}')");
    }

    ChatTemplateException Unexpected(string expected)
    {
        string found = Current.Kind switch
        {
            TokenKind.End => "the end of the tag",
            TokenKind.String => "a string",
            _ => $"'{Current.Text}'",
        };
        return source.Error(Current.Position, $"expected {expected}, found {found}.");
    }

    public E Expression(bool allowConditional = true)
    {
        var value = Or();
        if (!allowConditional)
            return value;
        while (Current.IsName("if"))
        {
            int at = Advance().Position;
            var condition = Or();
            E? otherwise = SkipName("else") ? Expression() : null;
            value = new E.Conditional(condition, value, otherwise, at);
        }
        return value;
    }

    E Or()
    {
        var left = And();
        while (Current.IsName("or"))
        {
            int at = Advance().Position;
            left = new E.Binary("or", left, And(), at);
        }
        return left;
    }

    E And()
    {
        var left = Not();
        while (Current.IsName("and"))
        {
            int at = Advance().Position;
            left = new E.Binary("and", left, Not(), at);
        }
        return left;
    }

    E Not()
    {
        if (Current.IsName("not"))
        {
            int at = Advance().Position;
            return new E.Unary("not", Not(), at);
        }
        return Compare();
    }

    E Compare()
    {
        var left = Concat();
        while (true)
        {
            int at = Current.Position;
            if (Current.Kind == TokenKind.Operator && Comparisons.Contains(Current.Text))
                left = new E.Binary(Advance().Text, left, Concat(), at);
            else if (SkipName("in"))
                left = new E.Binary("in", left, Concat(), at);
            else if (Current.IsName("not") && tokens[_at + 1].IsName("in"))
            {
                _at += 2;
                left = new E.Binary("not in", left, Concat(), at);
            }
            else
                return left;
        }
    }

    E Concat()
    {
        var left = Sum();
        while (Current.Is("~"))
        {
            int at = Advance().Position;
            left = new E.Binary("~", left, Sum(), at);
        }
        return left;
    }

    E Sum()
    {
        var left = Product();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Advance();
            left = new E.Binary(op.Text, left, Product(), op.Position);
        }
        return left;
    }

    E Product()
    {
        var left = Power();
        while (Current.Is("*") || Current.Is("/") || Current.Is("//") || Current.Is("%"))
        {
            var op = Advance();
            left = new E.Binary(op.Text, left, Power(), op.Position);
        }
        return left;
    }

    E Power()
    {
        var left = Unary();
        while (Current.Is("**"))
        {
            var op = Advance();
            left = new E.Binary("**", left, Unary(), op.Position);
        }
        return left;
    }

    E Unary()
    {
        if (Current.Is("-") || Current.Is("+"))
        {
            var op = Advance();
            return new E.Unary(op.Text, Unary(), op.Position);
        }
        return FiltersAndTests(Postfix(Primary()));
    }

    E Primary()
    {
        var token = Advance();
        switch (token.Kind)
        {
            case TokenKind.String:
                string text = (string)token.Value!;
                // Adjacent string literals concatenate, as in Python.
                while (Current.Kind == TokenKind.String)
                    text += (string)Advance().Value!;
                return new E.Literal(text, token.Position);
            case TokenKind.Integer or TokenKind.Float:
                return new E.Literal(token.Value, token.Position);
            case TokenKind.Name:
                return token.Text switch
                {
                    "true" or "True" => new E.Literal(true, token.Position),
                    "false" or "False" => new E.Literal(false, token.Position),
                    "none" or "None" => new E.Literal(null, token.Position),
                    _ => new E.Variable(token.Text, token.Position),
                };
        }
        if (token.Is("("))
        {
            if (Skip(")"))
                return new E.ListDisplay([], true, token.Position);
            var first = Expression();
            if (Skip(")"))
                return first;
            var items = new List<E> { first };
            while (Skip(",") && !Current.Is(")"))
                items.Add(Expression());
            Expect(")");
            return new E.ListDisplay(items, true, token.Position);
        }
        if (token.Is("["))
        {
            var items = new List<E>();
            while (!Skip("]"))
            {
                if (items.Count > 0)
                {
                    Expect(",");
                    if (Skip("]"))
                        break;
                }
                items.Add(Expression());
            }
            return new E.ListDisplay(items, false, token.Position);
        }
        if (token.Is("{"))
        {
            var pairs = new List<(E, E)>();
            while (!Skip("}"))
            {
                if (pairs.Count > 0)
                {
                    Expect(",");
                    if (Skip("}"))
                        break;
                }
                var key = Expression();
                Expect(":");
                pairs.Add((key, Expression()));
            }
            return new E.DictDisplay(pairs, token.Position);
        }
        _at--;
        throw Unexpected("a value");
    }

    E Postfix(E value)
    {
        while (true)
        {
            var token = Current;
            if (Skip("."))
            {
                if (Current.Kind == TokenKind.Integer)
                    value = new E.Item(value, new E.Literal(Advance().Value, token.Position), token.Position);
                else
                    value = new E.Attribute(value, Name(), token.Position);
            }
            else if (Skip("["))
                value = Subscript(value, token.Position);
            else if (Skip("("))
                value = new E.Call(value, Arguments(), token.Position);
            else
                return value;
        }
    }

    E Subscript(E target, int at)
    {
        E? start = Current.Is(":") ? null : Expression();
        if (Skip("]"))
            return new E.Item(target, start!, at);
        Expect(":");
        E? stop = Current.Is(":") || Current.Is("]") ? null : Expression();
        E? step = null;
        if (Skip(":") && !Current.Is("]"))
            step = Expression();
        Expect("]");
        return new E.Slice(target, start, stop, step, at);
    }

    /// <summary>Arguments after an opening parenthesis, through the closing one.</summary>
    TemplateArguments Arguments()
    {
        var positional = new List<E>();
        var keywords = new List<(string, E)>();
        while (!Skip(")"))
        {
            if (positional.Count + keywords.Count > 0)
            {
                Expect(",");
                if (Skip(")"))
                    break;
            }
            if (Current.Kind == TokenKind.Name && tokens[_at + 1].Is("="))
            {
                string name = Advance().Text;
                Advance();
                keywords.Add((name, Expression()));
            }
            else if (keywords.Count > 0)
                throw source.Error(Current.Position, "a positional argument follows a keyword argument.");
            else
                positional.Add(Expression());
        }
        return new TemplateArguments(positional, keywords);
    }

    E FiltersAndTests(E value)
    {
        while (true)
        {
            var token = Current;
            if (Skip("|"))
            {
                string name = Name();
                while (Skip("."))
                    name += "." + Name();
                value = new E.Filter(value, name, Skip("(") ? Arguments() : TemplateArguments.None, token.Position);
            }
            else if (SkipName("is"))
            {
                bool negated = SkipName("not");
                string name = Current.Kind == TokenKind.Name && Current.Text is "none" or "true" or "false" ? Advance().Text : Name();
                TemplateArguments arguments;
                if (Skip("("))
                    arguments = Arguments();
                else if (StartsBareTestArgument())
                    arguments = new TemplateArguments([Postfix(Primary())], []);
                else
                    arguments = TemplateArguments.None;
                value = new E.Test(value, name, arguments, negated, token.Position);
            }
            else if (Skip("("))
                value = new E.Call(value, Arguments(), token.Position);
            else
                return value;
        }
    }

    /// <summary>Jinja2 takes one argument without parentheses after a test name (<c>x is divisibleby 3</c>).</summary>
    bool StartsBareTestArgument() =>
        Current.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Float
        || (Current.Kind == TokenKind.Name && Current.Text is not ("else" or "or" or "and" or "if" or "is" or "in" or "not"))
        || Current.Is("[") || Current.Is("{");
}
