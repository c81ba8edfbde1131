using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The group-commit policy both SQL journals share: the whole batch in one transaction, in which a write
/// whose sequence numbers are taken is refused whole while the others commit; should the transaction
/// itself fail on a duplicate (persistence id, sequence number), every write again in its own
/// transaction so only the offending one fails; any other error fails the whole batch with its cause.
/// </summary>
/// <remarks>
/// The backend supplies "write these AtomicWrites in one transaction, return each one's orderings or,
/// for a write refused whole, its <see cref="DuplicateSequenceNumberException"/>", and reports a
/// duplicate it could not refuse alone by throwing that exception (after rolling back).
/// The SQLite journal runs this on its writer thread with a delegate that completes synchronously, so
/// no await here ever yields and the whole policy runs on that thread.
/// </remarks>
internal static class GroupCommit
{
    /// <summary>Writes <paramref name="writes"/> in one transaction and returns each write's result.</summary>
    public delegate ValueTask<WriteResult[]> TransactionWriter(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken);

    public static async ValueTask<IReadOnlyList<WriteResult>> WriteAsync(
        IReadOnlyList<AtomicWrite> writes, TransactionWriter writeInOneTransaction, CancellationToken cancellationToken)
    {
        if (writes.Count == 0) return [];
        try
        {
            return await writeInOneTransaction(writes, cancellationToken);
        }
        catch (DuplicateSequenceNumberException duplicate) when (writes.Count == 1)
        {
            return [new WriteResult([], duplicate)];
        }
        catch (DuplicateSequenceNumberException)
        {
            // Which write collided is known only for the first collision; the rest must be tried alone.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the commit: nothing was written, so the caller may retry the batch as is.
            throw;
        }
        catch (Exception cause)
        {
            return Failed(writes.Count, 0, new WriteResult[writes.Count], cause);
        }

        var results = new WriteResult[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                // Not cancellable: earlier writes of this loop are committed, and the caller must learn
                // exactly which, so the loop always runs to its end.
                results[i] = (await writeInOneTransaction([writes[i]], CancellationToken.None))[0];
            }
            catch (DuplicateSequenceNumberException duplicate)
            {
                results[i] = new WriteResult([], duplicate);
            }
            catch (Exception cause)
            {
                // The database itself is failing; hammering it with the remaining writes helps nobody.
                return Failed(writes.Count, i, results, cause);
            }
        }
        return results;
    }

    private static WriteResult[] Failed(int count, int from, WriteResult[] results, Exception cause)
    {
        for (var i = from; i < count; i++) results[i] = new WriteResult([], cause);
        return results;
    }
}
