using System.Security.Cryptography;

namespace Orchestrator.Actors.Store.Front;

/// <summary>Names for <c>metadata.generateName</c>: the prefix plus five characters, as the apiserver makes them.</summary>
public static class NameGenerator
{
    // Kubernetes leaves out vowels and look-alike characters so generated names spell no words.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int SuffixLength = 5;
    private const int MaxPrefixLength = 63 - SuffixLength;

    /// <summary>A new name starting with <paramref name="prefix"/> (cut to leave room for the suffix).</summary>
    public static string Generate(string prefix)
    {
        if (prefix.Length > MaxPrefixLength) prefix = prefix[..MaxPrefixLength];
        Span<char> suffix = stackalloc char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++) suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return prefix + new string(suffix);
    }
}
