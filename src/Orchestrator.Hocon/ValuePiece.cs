namespace Orchestrator.Hocon;

/// <summary>One piece of a value concatenation and the position to blame if it cannot be concatenated.</summary>
/// <param name="IsUnquoted">Set for unquoted text, whose type (number, boolean, null) only counts when it stands alone.</param>
internal readonly record struct ValuePiece(HoconValue Value, ConfigOrigin At, bool IsUnquoted = false);
