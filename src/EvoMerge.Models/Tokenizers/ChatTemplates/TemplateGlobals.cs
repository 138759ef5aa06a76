using System.Globalization;
using System.Text;
using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// Functions every template sees: Jinja2's <c>namespace</c>, <c>range</c> and <c>dict</c>, and transformers'
/// <c>raise_exception</c> (a clear error naming the template) and <c>strftime_now</c>.
/// </summary>
static class TemplateGlobals
{
    public static void AddTo(TemplateScope scope, TemplateSource source, DateTime now)
    {
        scope.Set("raise_exception", (TemplateFunction)((args, _) =>
            throw new ChatTemplateException($"{source.Name}: the chat template refused the conversation: {(args.Count > 0 ? ToText(args[0]) : "(no message)")}")));
        scope.Set("strftime_now", (TemplateFunction)((args, _) =>
            StrFTime(now, args.Count > 0 && args[0] is string format ? format : throw new InvalidOperationException("strftime_now needs a format string"))));
        scope.Set("namespace", (TemplateFunction)((args, keywords) =>
        {
            var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var arg in args)
            {
                foreach (var (key, value) in arg as Dictionary<string, object?> ?? throw new InvalidOperationException("namespace() takes a dict or keyword arguments"))
                    attributes[key] = value;
            }
            foreach (var (key, value) in keywords)
                attributes[key] = value;
            return new TemplateNamespace(attributes);
        }));
        scope.Set("dict", (TemplateFunction)((_, keywords) => new Dictionary<string, object?>(keywords, StringComparer.Ordinal)));
        scope.Set("range", (TemplateFunction)((args, _) => Range(args)));
    }

    static List<object?> Range(IReadOnlyList<object?> args)
    {
        var bounds = args.Select(a => a is long l ? l : throw new InvalidOperationException($"range() needs integers, found {TypeName(a)}")).ToList();
        var (start, stop, step) = bounds.Count switch
        {
            1 => (0L, bounds[0], 1L),
            2 => (bounds[0], bounds[1], 1L),
            3 => (bounds[0], bounds[1], bounds[2]),
            _ => throw new InvalidOperationException("range() takes 1 to 3 arguments"),
        };
        if (step == 0)
            throw new InvalidOperationException("range() step must not be zero");
        var items = new List<object?>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step)
            items.Add(i);
        return items;
    }

    /// <summary>Python's <c>strftime</c> for the C locale's common directives.</summary>
    public static string StrFTime(DateTime time, string format)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                text.Append(format[i]);
                continue;
            }
            char directive = format[++i];
            text.Append(directive switch
            {
                'd' => time.ToString("dd", culture),
                'm' => time.ToString("MM", culture),
                'Y' => time.ToString("yyyy", culture),
                'y' => time.ToString("yy", culture),
                'b' or 'h' => time.ToString("MMM", culture),
                'B' => time.ToString("MMMM", culture),
                'a' => time.ToString("ddd", culture),
                'A' => time.ToString("dddd", culture),
                'H' => time.ToString("HH", culture),
                'I' => time.ToString("hh", culture),
                'M' => time.ToString("mm", culture),
                'S' => time.ToString("ss", culture),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'j' => time.DayOfYear.ToString("000", culture),
                'e' => time.Day.ToString(culture).PadLeft(2),
                '%' => "%",
                _ => throw new InvalidOperationException($"strftime_now: the directive '%{directive}' is not supported"),
            });
        }
        return text.ToString();
    }
}
