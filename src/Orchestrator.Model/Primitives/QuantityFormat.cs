namespace Orchestrator.Model.Primitives;

/// <summary>How a <see cref="Quantity"/> was written and so how it is printed back.</summary>
public enum QuantityFormat
{
    /// <summary>Decimal SI suffixes: n, u, m, (none), k, M, G, T, P, E.</summary>
    DecimalSI = 0,

    /// <summary>Binary SI suffixes: Ki, Mi, Gi, Ti, Pi, Ei.</summary>
    BinarySI = 1,

    /// <summary>Decimal exponent notation: 1e3, 5E-3.</summary>
    DecimalExponent = 2,
}
