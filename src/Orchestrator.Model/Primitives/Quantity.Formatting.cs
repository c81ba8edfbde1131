using System.Globalization;
using System.Numerics;

namespace Orchestrator.Model.Primitives;

/// <summary>Canonical printing, as Kubernetes serializes quantities.</summary>
public readonly partial struct Quantity
{
    private static readonly string[] _binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    private static readonly BigInteger _oneThousandTwentyFour = new(1024);

    /// <summary>
    /// The canonical form: no fractional digits, the largest suffix that loses no precision, in the
    /// quantity's own format. Binary-SI values below 1024 in magnitude or not whole fall back to decimal SI
    /// (so <c>1.5Gi</c> prints <c>1536Mi</c>, <c>1.5</c> prints <c>1500m</c>, <c>0.5Ki</c> prints <c>512</c>).
    /// </summary>
    public override string ToString()
    {
        if (_nanos.IsZero)
        {
            return "0";
        }

        if (Format == QuantityFormat.BinarySI)
        {
            var binary = TryFormatBinary();
            if (binary is not null)
            {
                return binary;
            }
        }

        return FormatDecimal(Format == QuantityFormat.DecimalExponent);
    }

    private string? TryFormatBinary()
    {
        var whole = BigInteger.DivRem(_nanos, NanosPerUnit, out var remainder);
        if (!remainder.IsZero || BigInteger.Abs(whole) < _oneThousandTwentyFour)
        {
            return null;
        }

        var power = 0;
        while (power < _binarySuffixes.Length - 1)
        {
            var next = BigInteger.DivRem(whole, _oneThousandTwentyFour, out var rest);
            if (!rest.IsZero)
            {
                break;
            }

            whole = next;
            power++;
        }

        return whole.ToString(CultureInfo.InvariantCulture) + _binarySuffixes[power];
    }

    private string FormatDecimal(bool exponentNotation)
    {
        // Value = mantissa × 10^exponent with the exponent a multiple of 3 and as large as possible.
        var mantissa = _nanos;
        var exponent = -NanoScale;
        var ten = new BigInteger(10);
        var trailingZeros = 0;
        while (true)
        {
            var next = BigInteger.DivRem(mantissa, ten, out var rest);
            if (!rest.IsZero)
            {
                break;
            }

            mantissa = next;
            trailingZeros++;
        }

        exponent += trailingZeros;
        var aligned = exponent >= 0 ? exponent - (exponent % 3) : exponent - (((exponent % 3) + 3) % 3);
        if (!exponentNotation && aligned > 18)
        {
            aligned = 18;
        }

        mantissa *= BigInteger.Pow(ten, exponent - aligned);
        var number = mantissa.ToString(CultureInfo.InvariantCulture);
        if (exponentNotation)
        {
            return aligned == 0 ? number : number + "e" + aligned.ToString(CultureInfo.InvariantCulture);
        }

        return number + aligned switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => throw new InvalidOperationException($"exponent {aligned} has no decimal SI suffix"),
        };
    }
}
