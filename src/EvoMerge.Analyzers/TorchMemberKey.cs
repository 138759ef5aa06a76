using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace EvoMerge.Analyzers;

/// <summary>
/// A method's key as TorchSharpScalarCreators.txt writes it: "Namespace.Outer+Inner|member|parameter types",
/// types by metadata name without generic arguments (System.Nullable`1), arrays with "[]".
/// </summary>
public static class TorchMemberKey
{
    public static string Of(IMethodSymbol method)
    {
        var original = method.ReducedFrom ?? method.OriginalDefinition;
        return TypeName(original.ContainingType) + "|" + original.Name + "|" + string.Join(",", original.Parameters.Select(p => TypeName(p.Type)));
    }

    static string TypeName(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
            return TypeName(array.ElementType) + "[]";
        var name = new StringBuilder(type.MetadataName);
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            name.Insert(0, outer.MetadataName + "+");
        var space = type.ContainingNamespace;
        return space is null || space.IsGlobalNamespace ? name.ToString() : space.ToDisplayString() + "." + name;
    }
}
