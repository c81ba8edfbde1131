using System.Data.Common;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>Parameter binding through the ADO.NET base types, so both drivers share the binding code.</summary>
internal static class SqlParameters
{
    public static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The parameters of <see cref="JournalSql.InsertEvent"/> for one event.</summary>
    public static (string Name, object Value)[] EventValues(PersistentRepr e) =>
    [
        ("pid", e.PersistenceId),
        ("seq", e.SequenceNr),
        ("manifest", e.Manifest),
        ("payload", e.Payload),
        ("timestamp", e.Timestamp),
        ("writer", e.WriterId),
    ];

    /// <summary>An event's tags without repeats: (tag, ordering) is a primary key.</summary>
    public static string[] DistinctTags(PersistentRepr e) => [.. e.Tags.Distinct(StringComparer.Ordinal)];
}
