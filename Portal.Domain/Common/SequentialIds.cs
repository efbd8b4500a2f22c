namespace Portal.Domain.Common;

/// <summary>
/// Version-7 ids that sort in the order this process made them, within one millisecond too (<see cref="Guid.CreateVersion7()"/>
/// is random there). For rows read in the order they happened, such as audit entries: a list sorted by time breaks ties
/// by id, and entries of one save share their time.
/// </summary>
public static class SequentialIds
{
    private static long _lastMilliseconds;

    public static Guid Next()
    {
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastMilliseconds);
            // A burst faster than one id a millisecond runs ahead of the clock for as long as it lasts, and keeps its order.
            next = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), last + 1);
        } while (Interlocked.CompareExchange(ref _lastMilliseconds, next, last) != last);
        return Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(next));
    }
}
