namespace EvoMerge.Merging.Methods;

/// <summary>How a merge parameter's value is read: any number, or a boolean carried as 0/1.</summary>
public enum ParameterKind { Number, Boolean }
