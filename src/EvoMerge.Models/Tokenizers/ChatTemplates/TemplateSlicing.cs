using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>Python's <c>seq[start:stop:step]</c> on lists, tuples and strings.</summary>
static class TemplateSlicing
{
    public static object? Slice(object? value, object? start, object? stop, object? step)
    {
        var items = value switch
        {
            string s => Characters(s),
            List<object?> or object?[] => Iterate(value).ToList(),
            _ => throw new InvalidOperationException($"{TypeName(value)} cannot be sliced"),
        };
        long stride = step is null ? 1 : Integer(step);
        if (stride == 0)
            throw new InvalidOperationException("slice step cannot be zero");
        int count = items.Count;
        long Clamp(object? bound, long fallback)
        {
            if (bound is null)
                return fallback;
            long i = Integer(bound);
            if (i < 0)
                i += count;
            return stride > 0 ? Math.Clamp(i, 0, count) : Math.Clamp(i, -1, count - 1);
        }
        long from = Clamp(start, stride > 0 ? 0 : count - 1), to = Clamp(stop, stride > 0 ? count : -1);
        var picked = new List<object?>();
        for (long i = from; stride > 0 ? i < to : i > to; i += stride)
            picked.Add(items[(int)i]);
        return value switch
        {
            string => string.Concat(picked.Cast<string>()),
            object?[] => picked.ToArray(),
            _ => picked,
        };
    }

    static long Integer(object? value) => value is long l ? l
        : throw new InvalidOperationException($"slice indices must be integers or none, found {TypeName(value)}");
}
