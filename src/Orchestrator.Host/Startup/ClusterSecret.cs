using System.Security.Cryptography;
using Orchestrator.Actors.Admin;

namespace Orchestrator.Host.Startup;

/// <summary>The cluster's shared secret: generated at the first start of a data folder and kept there (mode 0600).</summary>
public static class ClusterSecret
{
    /// <summary>The file's name inside the data folder.</summary>
    public const string FileName = "cluster-secret";

    /// <summary>The secret stored in <paramref name="dataDir"/>, created (256 random bits, hex) when there is none.</summary>
    public static string LoadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0) return existing;
            File.Delete(path);
        }

        Directory.CreateDirectory(dataDir);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var stream = AdminClientConfig.OwnerOnly(path))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(secret);
        return secret;
    }
}
