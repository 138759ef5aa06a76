using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// The 8x8 digits set (sklearn's <c>load_digits</c>; the M2N2 reference calls it "MNIST"): 1797 rows
/// of 64 pixel values 0..16 and a label. As in the reference, the first 80% of rows (1437) train and
/// the last 360 test, in file order, pixels unscaled.
/// </summary>
public sealed class DigitsDataset : IDisposable
{
    public const string Sha256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";
    public const int Rows = 1797;
    public const int Pixels = 64;
    public const int TrainRows = 1437; // int(0.8 * 1797), the reference's split
    public const string RelativePath = "experiments/data/digits.csv.gz";

    public ClassificationData Train { get; }
    public ClassificationData Test { get; }

    DigitsDataset(ClassificationData train, ClassificationData test) => (Train, Test) = (train, test);

    /// <summary>Reads and checks the vendored file (hash, row count, value ranges).</summary>
    public static DigitsDataset Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != Sha256) throw new InvalidDataException($"{path} has sha256 {hash}, expected {Sha256}.");

        var features = new float[Rows * Pixels];
        var labels = new int[Rows];
        using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        int row = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            if (row >= Rows) throw new InvalidDataException($"{path} has more than {Rows} rows.");
            var fields = line.Split(',');
            if (fields.Length != Pixels + 1) throw new InvalidDataException($"{path} row {row} has {fields.Length} fields, expected {Pixels + 1}.");
            for (int p = 0; p < Pixels; p++)
                features[row * Pixels + p] = (float)double.Parse(fields[p], CultureInfo.InvariantCulture);
            labels[row] = (int)double.Parse(fields[Pixels], CultureInfo.InvariantCulture);
            if (labels[row] is < 0 or > 9) throw new InvalidDataException($"{path} row {row} has label {labels[row]}.");
            row++;
        }
        if (row != Rows) throw new InvalidDataException($"{path} has {row} rows, expected {Rows}.");

        var train = new ClassificationData(features[..(TrainRows * Pixels)], labels[..TrainRows], Pixels);
        var test = new ClassificationData(features[(TrainRows * Pixels)..], labels[TrainRows..], Pixels);
        return new DigitsDataset(train, test);
    }

    /// <summary>The vendored file, found by walking up from <paramref name="start"/> to the repository root.</summary>
    public static string Locate(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Cannot find {RelativePath} above {start ?? Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
