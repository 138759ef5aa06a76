namespace EvoMerge.Optimizers.Genetic.Termination;

static class CompositeParts
{
    public static ITermination[] Checked(ITermination[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("A composite termination needs at least one part.", nameof(parts));
        if (parts.Any(p => p is null)) throw new ArgumentException("A termination part is null.", nameof(parts));
        return parts.ToArray();
    }
}
