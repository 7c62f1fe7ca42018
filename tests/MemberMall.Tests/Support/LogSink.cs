using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MemberMall.Tests.Support;

/// <summary>Keeps every formatted log line the app writes, so a test can prove what never reaches the logs.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{category}: {formatter(state, exception)} {exception}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                line += " " + string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"));
            sink.Lines.Enqueue(line);
        }
    }
}
