using System.Text.RegularExpressions;

namespace Orchestrator.Runtime.Tests.Configuration;

/// <summary>Reads a section of the runtime's embedded reference.conf as text, to check that every key is commented.</summary>
internal static partial class ReferenceConfText
{
    /// <summary>
    /// The keys directly inside the section opened by <paramref name="sectionHeader"/> (e.g. <c>orchestrator.remote {</c>),
    /// nested objects included as <c>outer.inner</c>; fails when a key has no comment above it (keys documented together
    /// share the comment above the first of them).
    /// </summary>
    public static IReadOnlySet<string> CommentedKeys(string sectionHeader)
    {
        using var stream = typeof(Runtime.Remoting.RemoteSettings).Assembly.GetManifestResourceStream("Orchestrator.Runtime.reference.conf")!;
        var text = new StreamReader(stream).ReadToEnd();
        var start = text.IndexOf(sectionHeader, StringComparison.Ordinal);
        Assert.True(start >= 0, $"reference.conf has no '{sectionHeader}' section");
        var lines = text[start..].Split('\n').Skip(1).TakeWhile(l => l.TrimEnd() != "}").Select(l => l.Trim()).ToList();
        var keys = new HashSet<string>();
        var path = new Stack<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] == "}")
            {
                path.TryPop(out _);
                continue;
            }
            if (ObjectLine().Match(lines[i]) is { Success: true } obj)
            {
                path.Push(obj.Groups[1].Value);
                continue;
            }
            var match = KeyLine().Match(lines[i]);
            if (!match.Success) continue;
            var key = string.Join(".", path.Reverse().Append(match.Groups[1].Value));
            keys.Add(key);
            var j = i - 1;
            while (j >= 0 && KeyLine().IsMatch(lines[j])) j--;
            Assert.True(j >= 0 && lines[j].StartsWith('#'), $"{sectionHeader.TrimEnd('{', ' ')}.{key} has no comment above it");
        }
        return keys;
    }

    [GeneratedRegex(@"^([a-z-]+)\s*=")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^([a-z-]+)\s*\{\s*$")]
    private static partial Regex ObjectLine();
}
