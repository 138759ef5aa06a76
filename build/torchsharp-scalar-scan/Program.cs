using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.Disassembler;
using ICSharpCode.Decompiler.Metadata;
using ICSharpCode.Decompiler.TypeSystem;

// Lists the public TorchSharp methods that make a Scalar (an implicit conversion or ToScalar) and reach
// native code with it, directly or through other TorchSharp methods: the calls that EM0001 reports.
// Usage: dotnet run --project build/torchsharp-scalar-scan -- <path to TorchSharp.dll> > <list>
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: torchsharp-scalar-scan <TorchSharp.dll> (e.g. ~/.nuget/packages/torchsharp/0.107.0/lib/net8.0/TorchSharp.dll)");
    return 2;
}
var file = new PEFile(args[0]);
var typeSystem = new DecompilerTypeSystem(file, new UniversalAssemblyResolver(args[0], false, null),
    new DecompilerSettings { ThrowOnAssemblyResolveErrors = false });
var module = typeSystem.MainModule;

var callees = new Dictionary<IMethod, List<IMethod>>();
var makers = new HashSet<IMethod>();
foreach (var handle in file.Metadata.MethodDefinitions)
{
    var definition = file.Metadata.GetMethodDefinition(handle);
    var method = module.GetDefinition(handle);
    if (definition.RelativeVirtualAddress == 0 || method is null || IsScalarSource(method))
        continue;
    var called = new List<IMethod>();
    var il = file.Reader.GetMethodBody(definition.RelativeVirtualAddress).GetILReader();
    while (il.RemainingBytes > 0)
    {
        var code = ILParser.DecodeOpCode(ref il);
        if (code is not (ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj))
        {
            ILParser.SkipOperand(ref il, code);
            continue;
        }
        var target = module.ResolveMethod(MetadataTokens.EntityHandle(il.ReadInt32()), default);
        if (target is null)
            continue;
        if (IsScalarSource(target))
            makers.Add(method);
        else if (target.MemberDefinition is IMethod own && own.ParentModule == module)
            called.Add(own);
    }
    callees[method] = called;
}

// A method that calls a maker is a maker: repeat until nothing changes.
for (bool grew = true; grew;)
{
    grew = false;
    foreach (var (method, called) in callees)
        if (!makers.Contains(method) && called.Any(makers.Contains))
            grew = makers.Add(method) || grew;
}

Console.WriteLine("# TorchSharp members that make a Scalar inside and hand only its handle to native code (type|member|parameter types).");
Console.WriteLine("# Made by build/torchsharp-scalar-scan from " + Path.GetFileName(args[0]) + " " + file.Metadata.GetAssemblyDefinition().Version + "; remake it when TorchSharp is upgraded.");
foreach (var key in makers.Where(IsVisible).Select(Key).Where(k => !IsOutOfScope(k)).Distinct().Order(StringComparer.Ordinal))
    Console.WriteLine(key);
return 0;

static bool IsScalarSource(IMethod m) =>
    (m.DeclaringType.FullName == "TorchSharp.Scalar" && m.Name == "op_Implicit") || m.Name == "ToScalar";

static bool IsVisible(IMethod m) =>
    m.Accessibility == Accessibility.Public && m.DeclaringTypeDefinition?.Accessibility == Accessibility.Public;

// Parts of TorchSharp EvoMerge does not use (distributions, optimizers, TorchScript, TensorBoard) keep the list short.
static bool IsOutOfScope(string key) =>
    new[] { "distributions", "tensorboard", "SummaryWriter", "optim", "jit", "Adagrad", "Rprop" }.Any(key.Contains);

static string Key(IMethod m) =>
    m.DeclaringType.ReflectionName + "|" + m.Name + "|" + string.Join(",", m.Parameters.Select(p => TypeKey(p.Type)));

static string TypeKey(IType type) => type switch
{
    ArrayType array => TypeKey(array.ElementType) + "[]",
    ByReferenceType reference => TypeKey(reference.ElementType),
    _ => type.GetDefinition()?.ReflectionName ?? type.ReflectionName,
};
