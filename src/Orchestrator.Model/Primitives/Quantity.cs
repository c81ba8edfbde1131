using System.Numerics;
using System.Text.Json.Serialization;

namespace Orchestrator.Model.Primitives;

/// <summary>
/// A fixed-point amount such as <c>500m</c>, <c>128Mi</c> or <c>1e3</c>, as Kubernetes' resource.Quantity.
/// The value is held exactly as a whole number of nano-units (10^-9); anything finer is rounded up,
/// as Kubernetes does. Equality and ordering compare values only; <see cref="Format"/> only affects printing.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly partial struct Quantity : IEquatable<Quantity>, IComparable<Quantity>, IComparable
{
    internal const int NanoScale = 9;
    internal static readonly BigInteger NanosPerUnit = BigInteger.Pow(10, NanoScale);
    private static readonly BigInteger _nanosPerMilli = BigInteger.Pow(10, 6);

    private readonly BigInteger _nanos;

    private Quantity(BigInteger nanos, QuantityFormat format)
    {
        _nanos = nanos;
        Format = format;
    }

    /// <summary>The quantity zero, in decimal SI format.</summary>
    public static Quantity Zero => default;

    /// <summary>The notation this quantity is printed in.</summary>
    public QuantityFormat Format { get; }

    /// <summary>The exact value in nano-units (value × 10^9).</summary>
    public BigInteger Nanos => _nanos;

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => _nanos.IsZero;

    /// <summary>-1, 0 or 1 as the value is negative, zero or positive.</summary>
    public int Sign => _nanos.Sign;

    /// <summary>Builds a quantity of <paramref name="value"/> whole units.</summary>
    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value * NanosPerUnit, format);

    /// <summary>Builds a quantity of <paramref name="milliValue"/> thousandths of a unit.</summary>
    public static Quantity FromMilliValue(long milliValue, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(milliValue * _nanosPerMilli, format);

    /// <summary>Builds a quantity from an exact count of nano-units.</summary>
    public static Quantity FromNanos(BigInteger nanos, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(nanos, format);

    /// <summary>The value in whole units, rounded up (toward positive infinity) as Kubernetes' Value() does; saturates at the long range.</summary>
    public long Value => Saturate(CeilingDivide(_nanos, NanosPerUnit));

    /// <summary>The value in thousandths of a unit, rounded up as Kubernetes' MilliValue() does; saturates at the long range.</summary>
    public long MilliValue => Saturate(CeilingDivide(_nanos, _nanosPerMilli));

    /// <summary>The value as a <see cref="decimal"/> (exact for any value that fits).</summary>
    public decimal ToDecimal() => (decimal)_nanos / 1_000_000_000m;

    /// <summary>The value as a <see cref="double"/>; approximate.</summary>
    public double ToDouble() => (double)_nanos / 1e9;

    /// <summary>Same value, printed in another notation.</summary>
    public Quantity WithFormat(QuantityFormat format) => new(_nanos, format);

    /// <summary>Sum; the result keeps the left operand's format (the right one's when the left is zero).</summary>
    public static Quantity operator +(Quantity left, Quantity right) =>
        new(left._nanos + right._nanos, left.IsZero ? right.Format : left.Format);

    /// <summary>Difference; the result keeps the left operand's format (the right one's when the left is zero).</summary>
    public static Quantity operator -(Quantity left, Quantity right) =>
        new(left._nanos - right._nanos, left.IsZero ? right.Format : left.Format);

    /// <summary>Negation.</summary>
    public static Quantity operator -(Quantity value) => new(-value._nanos, value.Format);

    /// <summary>Multiplies by a whole number.</summary>
    public static Quantity operator *(Quantity left, long factor) => new(left._nanos * factor, left.Format);

    /// <summary>Sum; see the + operator.</summary>
    public Quantity Add(Quantity other) => this + other;

    /// <summary>Difference; see the - operator.</summary>
    public Quantity Subtract(Quantity other) => this - other;

    /// <inheritdoc />
    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Quantity q => CompareTo(q),
        _ => throw new ArgumentException("Object is not a Quantity.", nameof(obj)),
    };

    /// <inheritdoc />
    public bool Equals(Quantity other) => _nanos == other._nanos;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    /// <inheritdoc />
    public override int GetHashCode() => _nanos.GetHashCode();

    /// <summary>Value equality.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Ordering by value.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>Parses a quantity string; see <see cref="Parse"/>.</summary>
    public static implicit operator Quantity(string text) => Parse(text);

    private static long Saturate(BigInteger value) =>
        value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;

    private static BigInteger CeilingDivide(BigInteger dividend, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(dividend, divisor, out var remainder);
        return remainder.Sign > 0 ? quotient + 1 : quotient;
    }
}
