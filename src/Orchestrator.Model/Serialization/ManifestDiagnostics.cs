using System.Text.Json.Nodes;
using Orchestrator.Model.Registry;

namespace Orchestrator.Model.Serialization;

/// <summary>A problem found while reading a manifest, located by source file and document index.</summary>
/// <param name="Source">File name or other label of the input; null when unnamed.</param>
/// <param name="DocumentIndex">Zero-based index of the document in the stream.</param>
/// <param name="Message">What is wrong, e.g. <c>unknown field "spec.replcas"</c>.</param>
/// <param name="Path">Field path the message is about, when there is one.</param>
public sealed record ManifestDiagnostic(string? Source, int DocumentIndex, string Message, string? Path = null)
{
    /// <summary>"deploy.yaml: document 0: unknown field "spec.replcas"".</summary>
    public override string ToString() => $"{Source ?? "<input>"}: document {DocumentIndex}: {Message}";
}

/// <summary>One typed object read from a manifest.</summary>
/// <param name="Source">File name or label of the input.</param>
/// <param name="Index">Zero-based document index in the stream.</param>
/// <param name="Line">One-based line the document starts on.</param>
/// <param name="Object">The typed object.</param>
/// <param name="Type">What the registry knows of its kind.</param>
/// <param name="Node">The JSON tree the object was read from (unknown fields included).</param>
public sealed record ManifestDocument(string? Source, int Index, int Line, IKubernetesObject Object, ResourceType Type, JsonObject Node);

/// <summary>Everything a read produced: typed documents, warnings and errors.</summary>
public sealed class ManifestReadResult
{
    internal ManifestReadResult(List<ManifestDocument> documents, List<ManifestDiagnostic> warnings, List<ManifestDiagnostic> errors)
    {
        Documents = documents;
        Warnings = warnings;
        Errors = errors;
    }

    /// <summary>Documents that were read successfully, in stream order.</summary>
    public IReadOnlyList<ManifestDocument> Documents { get; }

    /// <summary>The typed objects of <see cref="Documents"/>.</summary>
    public IReadOnlyList<IKubernetesObject> Objects => Documents.Select(d => d.Object).ToList();

    /// <summary>Non-fatal findings (unknown or duplicate fields under <see cref="FieldValidation.Warn"/>).</summary>
    public IReadOnlyList<ManifestDiagnostic> Warnings { get; }

    /// <summary>Fatal findings; documents with errors are not in <see cref="Documents"/>.</summary>
    public IReadOnlyList<ManifestDiagnostic> Errors { get; }

    /// <summary>True when there are no errors.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Throws a <see cref="ManifestException"/> listing every error, else returns this.</summary>
    public ManifestReadResult ThrowIfFailed() => Succeeded ? this : throw new ManifestException(Errors);
}

/// <summary>Thrown when a manifest cannot be read; lists every error with its file and document.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception from its errors.</summary>
    public ManifestException(IReadOnlyList<ManifestDiagnostic> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>The errors.</summary>
    public IReadOnlyList<ManifestDiagnostic> Errors { get; }
}
