using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EvoMerge.Analyzers;

/// <summary>
/// EM0001: a TorchSharp <c>Scalar</c> that nobody holds. TorchSharp passes only a Scalar's native handle
/// to libtorch and never keeps the managed object alive through the call, so once the handle is read the
/// garbage collector may run the Scalar's finalizer, which frees the native scalar while libtorch still
/// reads it: a crash ("Expected false to be true" from c10::Scalar::toFloat) or, worse, a wrong value.
/// A Scalar is held when it is created by a <c>using</c> declaration, stored in a field or property, or
/// returned to a caller that holds it. The rule reports the three ways a Scalar goes unheld:
/// an implicit or explicit conversion to Scalar, a created Scalar that is not held, and a call of a
/// TorchSharp member that makes such a Scalar inside (the list in TorchSharpScalarCreators.txt).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnheldTorchScalarAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "EM0001";

    static readonly DiagnosticDescriptor Rule = new(
        Id,
        "TorchSharp Scalar not held through the native call",
        "{0}: its finalizer can free the native scalar while libtorch reads it; take it from a scope that holds it, 'using var held = new HeldScalars();' then held[value]{1}",
        "Reliability",
        DiagnosticSeverity.Warning,   // an error in every build: TreatWarningsAsErrors (Directory.Build.props)
        isEnabledByDefault: true,
        helpLinkUri: "docs/analyzers.md");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            if (scalar is null)
                return;   // the project does not use TorchSharp
            var creators = TorchScalarCreators.Keys;
            start.RegisterOperationAction(c => OnConversion(c, scalar), OperationKind.Conversion);
            start.RegisterOperationAction(c => OnCall(c, scalar, creators), OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => OnOperator(c, creators), OperationKind.Binary, OperationKind.CompoundAssignment);
        });
    }

    static void OnConversion(OperationAnalysisContext context, INamedTypeSymbol scalar)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (!conversion.Conversion.IsUserDefined || !SymbolEqualityComparer.Default.Equals(conversion.Type, scalar))
            return;
        context.ReportDiagnostic(Diagnostic.Create(Rule, conversion.Syntax.GetLocation(),
            $"'{conversion.Operand.Syntax}' becomes a TorchSharp Scalar that nothing holds", ""));
    }

    static void OnCall(OperationAnalysisContext context, INamedTypeSymbol scalar, ImmutableHashSet<string> creators)
    {
        var method = context.Operation switch
        {
            IInvocationOperation call => call.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (method is null)
            return;
        if (creators.Contains(TorchMemberKey.Of(method)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(),
                $"TorchSharp's {method.ContainingType.Name}.{method.Name} makes a Scalar inside and does not hold it",
                Advice(method)));
            return;
        }
        if (SymbolEqualityComparer.Default.Equals(context.Operation.Type, scalar) && !IsHeld(context.Operation))
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(),
                $"the Scalar from '{context.Operation.Syntax}' is not held", ""));
    }

    static void OnOperator(OperationAnalysisContext context, ImmutableHashSet<string> creators)
    {
        var method = context.Operation switch
        {
            IBinaryOperation binary => binary.OperatorMethod,
            ICompoundAssignmentOperation compound => compound.OperatorMethod,
            _ => null,
        };
        if (method is not null && creators.Contains(TorchMemberKey.Of(method)))
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(),
                $"the operator '{context.Operation.Syntax}' makes a TorchSharp Scalar inside (of its number operand, or add's alpha of 1) that nothing holds",
                "; call the method instead, e.g. a.add(b, held[1]) or x.mul(held[2.0])"));
    }

    static string Advice(IMethodSymbol method) => method.Name switch
    {
        "add" or "add_" => ", as the alpha argument too: add_(other, held[1])",
        "square" => ": x.pow(held[2]), as TorchSharp's square does",
        _ => "",
    };

    /// <summary>Held: the initializer of a using declaration or statement, stored in a field or property, or returned.</summary>
    static bool IsHeld(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { Conversion.IsUserDefined: false } or IParenthesizedOperation)
            parent = parent.Parent;
        switch (parent)
        {
            case IReturnOperation:
                return true;
            case ISimpleAssignmentOperation assignment:
                return assignment.Target is IFieldReferenceOperation or IPropertyReferenceOperation;
            case IFieldInitializerOperation or IPropertyInitializerOperation:
                return true;
            case IVariableInitializerOperation initializer:
                for (var up = initializer.Parent; up is not null; up = up.Parent)
                {
                    if (up is IUsingDeclarationOperation or IUsingOperation)
                        return true;
                    if (up is not (IVariableDeclaratorOperation or IVariableDeclarationOperation or IVariableDeclarationGroupOperation))
                        return false;
                }
                return false;
            default:
                return false;
        }
    }
}
