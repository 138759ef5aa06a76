namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>What a transitive verb does to the count of things its subject holds.</summary>
public enum ToyVerbKind
{
    /// <summary>States a count ("has").</summary>
    Has,

    /// <summary>Adds to the count ("buys", "finds", "gets").</summary>
    Add,

    /// <summary>Takes from the count ("sells", "loses", "gives").</summary>
    Subtract,

    /// <summary>Leaves the count alone ("sees", "likes"); only in ordinary text.</summary>
    Neutral,
}
