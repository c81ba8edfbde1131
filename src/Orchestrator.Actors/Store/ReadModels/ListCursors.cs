using System.Globalization;
using System.Text;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>
/// The rest of paged Lists, held so every page of one List is consistent with its first page's
/// resourceVersion, as Kubernetes promises for continue tokens. The first page remembers the matching
/// objects it did not return (references to the read model's immutable objects, so a cursor costs one
/// array); later pages read from there, whatever changed since, and a page may be read again. Cursors expire after a time-to-live and
/// the oldest is dropped beyond a maximum count; a token for a dropped cursor is answered 410 Expired,
/// and the client starts a new List. Owned by one <see cref="KindReadModel"/>; not thread-safe.
/// </summary>
internal sealed class ListCursors(TimeSpan timeToLive, int maxCursors)
{
    private readonly Dictionary<long, Cursor> _cursors = [];
    private readonly Queue<long> _order = new();
    private long _nextId;

    /// <summary>What a continue token points at.</summary>
    public sealed record Cursor(IReadOnlyList<StoredObject> Items, string ResourceVersion, string Selection, DateTimeOffset Expires);

    /// <summary>Keeps the items after a first page; returns the token of the next page.</summary>
    public string Open(IReadOnlyList<StoredObject> rest, string resourceVersion, string selection, DateTimeOffset now)
    {
        DropExpired(now);
        while (_cursors.Count >= maxCursors) _cursors.Remove(_order.Dequeue());
        var id = ++_nextId;
        _cursors[id] = new Cursor(rest, resourceVersion, selection, now + timeToLive);
        _order.Enqueue(id);
        return Encode(id, 0);
    }

    /// <summary>The token of the page starting at <paramref name="offset"/> of the same cursor.</summary>
    public static string Next(string token, int offset) =>
        TryDecode(token, out var id, out _) ? Encode(id, offset) : throw new ArgumentException("not a cursor token", nameof(token));

    /// <summary>Parses <paramref name="token"/>: false when it is no token at all (a bad request).</summary>
    public static bool TryDecode(string token, out long id, out int offset)
    {
        id = 0;
        offset = 0;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split(':');
        return parts.Length == 3 && parts[0] == "c"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }

    /// <summary>The cursor of a token, or null when it expired or was dropped.</summary>
    public Cursor? Find(long id, DateTimeOffset now)
    {
        DropExpired(now);
        return _cursors.GetValueOrDefault(id);
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_order.TryPeek(out var id) && _cursors[id].Expires <= now)
        {
            _order.Dequeue();
            _cursors.Remove(id);
        }
    }

    private static string Encode(long id, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"c:{id}:{offset}")));
}
