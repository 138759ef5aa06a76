using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Locking;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.Search.Config;
using EvoMerge.Search.Running;

namespace EvoMerge.Cli.Terminal;

/// <summary>Runs a command body and turns expected failures into clear messages and exit codes.</summary>
public static class CommandErrors
{
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (MergeConfigException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine("Nothing was written.");
            return ExitCodes.InvalidInput;
        }
        catch (SearchConfigException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine("Nothing was started; fix the config and run again.");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is ResumeRefusedException or RunFolderInUseException or JournalCorruptException or InvalidDataException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (EvoMerge.Farm.FarmSetupException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (FatalEvaluationException e)
        {
            Console.Error.WriteLine("error: the run stopped because every further evaluation would fail: " + e.Message);
            Console.Error.WriteLine("The trials so far are saved; fix the cause and continue with ./run.sh resume RUN_DIR.");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is SafeTensorsFormatException or PickleCheckpointException or FormatException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled.");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // A bug rather than bad input: keep the details for the report.
            Console.Error.WriteLine("internal error: " + e);
            return ExitCodes.Failure;
        }
    }
}
