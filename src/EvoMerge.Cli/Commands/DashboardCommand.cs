using System.CommandLine;
using EvoMerge.Cli.Commands.Dashboard;
using EvoMerge.Cli.Terminal;
using EvoMerge.Dashboard.Web;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge dashboard RUN_DIR... [--port 8080] [--host 127.0.0.1] [--token T]`: the live, read-only run dashboard.</summary>
public static class DashboardCommand
{
    public static Command Create()
    {
        var runs = new Argument<DirectoryInfo[]>("run-dirs") { Description = "Run folders made by `search` (finished or still running).", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => DashboardOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to listen on; anything but loopback needs --token.", DefaultValueFactory = _ => DashboardOptions.DefaultHost };
        var token = new Option<string?>("--token") { Description = "A secret the browser must present (it is part of the printed URL)." };
        var command = new Command("dashboard", "Serve a live, read-only dashboard of one or several runs in the browser (history, Pareto front, parallel coordinates, slices, gene importance, trial detail, run comparison); prints its URL and runs until Ctrl+C.")
        {
            runs, port, host, token,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var options = new DashboardOptions { Port = parse.GetValue(port), Host = parse.GetValue(host)!, Token = parse.GetValue(token) };
            using var describer = new SearchTrialDescriber();
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            var folders = parse.GetValue(runs)!.Select(d => d.FullName).ToList();
            DashboardServer server;
            try
            {
                server = DashboardServer.StartAsync(folders, options, describer).GetAwaiter().GetResult();
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException($"Cannot listen on {options.Host}:{options.Port} ({e.Message}); pick another --port.", e);
            }

            using (stop)
            {
                foreach (var run in server.Catalog.Runs.Where(r => r.Problem is not null))
                    Console.Error.WriteLine($"warning: run '{run.Name}': {run.Problem}");
                Console.WriteLine($"Dashboard of {server.Catalog.Runs.Count} run(s), read-only; Ctrl+C stops it.");
                Console.WriteLine(server.Url);
                server.WaitAsync(stop.Token).GetAwaiter().GetResult();
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
