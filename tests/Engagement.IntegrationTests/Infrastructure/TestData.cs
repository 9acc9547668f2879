namespace Engagement.IntegrationTests.Infrastructure;

/// <summary>The hostile-input payloads in ../shared/testdata/payloads (found by walking up from the test binaries).</summary>
public static class TestData
{
    public static string PayloadsDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "testdata", "payloads");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("shared/testdata/payloads was not found beside the repository.");
        }
    }

    /// <summary>Non-empty lines of a payload file, relative to the payloads folder.</summary>
    public static IReadOnlyList<string> Lines(string relativePath) =>
        File.ReadAllLines(Path.Combine(PayloadsDirectory, relativePath))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Distinct()
            .ToList();

    /// <summary>Every line of every file in a payload folder (xss, sqli).</summary>
    public static IReadOnlyList<string> All(string folder) =>
        Directory.GetFiles(Path.Combine(PayloadsDirectory, folder), "*.txt")
            .SelectMany(File.ReadAllLines)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Distinct()
            .ToList();
}
