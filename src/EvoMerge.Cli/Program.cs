using System.CommandLine;

namespace EvoMerge.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("EvoMerge: discover model-merging recipes by evolutionary search.");
        return root.Parse(args).Invoke();
    }
}
