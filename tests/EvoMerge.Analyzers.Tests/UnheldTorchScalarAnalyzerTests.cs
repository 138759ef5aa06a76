using System.Collections.Immutable;
using EvoMerge.Analyzers;
using EvoMerge.Models.Torch;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TorchSharp;

namespace EvoMerge.Analyzers.Tests;

/// <summary>EM0001 on small programs compiled against the real TorchSharp and HeldScalars.</summary>
public class UnheldTorchScalarAnalyzerTests
{
    [Theory]
    [InlineData("x.mul_(2);")]                                   // implicit int -> Scalar
    [InlineData("x.add_(y, 0.5);")]                              // implicit double -> Scalar as alpha
    [InlineData("x.add_(y);")]                                   // TorchSharp makes alpha = 1 inside
    [InlineData("var z = x + y;")]                               // operator + is add(y), alpha = 1
    [InlineData("var z = x * 2.0;")]                             // operator with a number operand
    [InlineData("var z = 1.0 - x;")]
    [InlineData("var z = x.square();")]                          // pow(2) inside
    [InlineData("var z = torch.arange(0, 5);")]                  // conversions, and a step of 1 inside
    [InlineData("var s = 2.ToScalar(); x.mul_(s);")]             // a Scalar in a plain local
    [InlineData("x.mul_(2.ToScalar());")]                        // a Scalar made for the call
    [InlineData("float f = x.sum().ToSingle();")]                // goes through a Scalar inside
    public void Unheld_scalars_are_reported(string body)
    {
        var diagnostics = Analyze(body);
        Assert.Contains(diagnostics, d => d.Id == UnheldTorchScalarAnalyzer.Id);
    }

    [Theory]
    [InlineData("using var held = new HeldScalars(); x.mul_(held[2]).add_(y, held[1]).sub_(held[0.5]);")]
    [InlineData("using var s = 2.ToScalar(); x.mul_(s);")]
    [InlineData("using (var s = 0.5.ToScalar()) { x.add_(y, s); }")]
    [InlineData("var z = x - y; var w = x * y; var q = x / y;")]  // tensor-tensor ops without an alpha
    [InlineData("using var held = new HeldScalars(); var z = torch.arange(held[0], held[5], held[1]);")]
    [InlineData("float f = x.sum().item<float>();")]
    public void Held_scalars_and_scalar_free_calls_are_not_reported(string body)
    {
        var diagnostics = Analyze(body);
        Assert.DoesNotContain(diagnostics, d => d.Id == UnheldTorchScalarAnalyzer.Id);
    }

    [Fact]
    public void A_scalar_kept_in_a_field_or_returned_to_the_caller_is_held()
    {
        var diagnostics = Analyze("", "Scalar _scale = 2.0.ToScalar(); Scalar Make(double v) { return v.ToScalar(); } Scalar MakeShort(double v) => v.ToScalar();");
        Assert.DoesNotContain(diagnostics, d => d.Id == UnheldTorchScalarAnalyzer.Id);
    }

    [Fact]
    public void Code_without_TorchSharp_is_not_analyzed()
    {
        var diagnostics = Run(CSharpSyntaxTree.ParseText("class C { int M(int a) => a + 1; }"), withTorch: false);
        Assert.Empty(diagnostics);
    }

    /// <summary>Every line of the list names a TorchSharp member, so a renamed member cannot silently drop out.</summary>
    [Fact]
    public void Every_listed_creator_is_a_TorchSharp_member()
    {
        var compilation = Compile(CSharpSyntaxTree.ParseText("class C {}"), withTorch: true);
        var torchSharp = compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>().Single(a => a.Name == "TorchSharp");
        var keys = new HashSet<string>();
        Collect(torchSharp.GlobalNamespace, keys);
        var listed = TorchScalarCreators.Keys;
        Assert.True(listed.Count > 50, $"only {listed.Count} creators listed");
        var missing = listed.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not in TorchSharp: " + string.Join("; ", missing));
    }

    static void Collect(INamespaceOrTypeSymbol container, HashSet<string> keys)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is IMethodSymbol method)
                keys.Add(TorchMemberKey.Of(method));
            else if (member is INamespaceOrTypeSymbol inner)
                Collect(inner, keys);
        }
    }

    static ImmutableArray<Diagnostic> Analyze(string body, string members = "")
    {
        var source = $$"""
            using TorchSharp;
            using EvoMerge.Models.Torch;
            using static TorchSharp.torch;
            class Probe
            {
                {{members}}
                void Run(Tensor x, Tensor y)
                {
                    {{body}}
                }
            }
            """;
        return Run(CSharpSyntaxTree.ParseText(source), withTorch: true);
    }

    static ImmutableArray<Diagnostic> Run(SyntaxTree tree, bool withTorch)
    {
        var compilation = Compile(tree, withTorch);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return compilation.WithAnalyzers([new UnheldTorchScalarAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    static CSharpCompilation Compile(SyntaxTree tree, bool withTorch)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var references = withTorch
            ? platform.Concat([MetadataReference.CreateFromFile(typeof(Scalar).Assembly.Location), MetadataReference.CreateFromFile(typeof(HeldScalars).Assembly.Location)])
            : platform;
        return CSharpCompilation.Create("Probe", [tree], references.DistinctBy(r => r.Display), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }
}
