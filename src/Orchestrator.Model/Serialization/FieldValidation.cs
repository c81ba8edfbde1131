namespace Orchestrator.Model.Serialization;

/// <summary>What to do with fields the schema does not know and with duplicate fields, as kubectl's --validate.</summary>
public enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore = 0,

    /// <summary>Drop them and report a warning for each (the default).</summary>
    Warn = 1,

    /// <summary>Reject the document with an error naming each field.</summary>
    Strict = 2,
}
