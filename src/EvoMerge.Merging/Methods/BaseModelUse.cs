namespace EvoMerge.Merging.Methods;

/// <summary>Whether a method needs <c>base_model</c>, can use it, or ignores it (for validation messages).</summary>
public enum BaseModelUse { Required, Optional, NotUsed }
