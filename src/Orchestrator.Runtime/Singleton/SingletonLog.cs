using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Singleton;

/// <summary>Log messages of the singleton module.</summary>
internal static partial class SingletonLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Singleton {Name} started by {Manager}")]
    public static partial void Started(ILogger log, string name, string manager);

    [LoggerMessage(Level = LogLevel.Information, Message = "Singleton {Name} of {Manager} is handed over: sent its termination message")]
    public static partial void HandingOver(ILogger log, string name, string manager);

    [LoggerMessage(Level = LogLevel.Information, Message = "Singleton {Name} of {Manager} stopped")]
    public static partial void Stopped(ILogger log, string name, string manager);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Singleton proxy {Proxy}: buffer full ({BufferSize}); dropped the oldest message, a {MessageType}")]
    public static partial void BufferFull(ILogger log, string proxy, int bufferSize, string messageType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Singleton proxy {Proxy}: the singleton is {Singleton}")]
    public static partial void Identified(ILogger log, string proxy, string singleton);
}
