using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Prism.Daemon.Upstream;

/// <summary>
/// One call to Trade Republic's REST API: method, path, body, whether it needs the v2 login headers.
/// <see cref="ToString"/> shows neither path nor body: a path holds a login's process id, v1's also the SMS code.
/// </summary>
internal sealed record UpstreamRequest(HttpMethod Method, string Path, UpstreamCall Call, string What, bool WithV2Headers = false)
{
    public HttpContent? Body { get; init; }

    public override string ToString() => $"UpstreamRequest {{ Method = {Method}, What = {What}, Call = {Call} }}";
}

/// <summary>
/// Sends requests to Trade Republic's REST API with the headers it expects, the session's cookies and a time
/// limit, and turns every failure into a <see cref="SessionFailure"/> (mapped by <see cref="UpstreamErrors"/>).
/// Nothing here logs: URLs carry process ids and bodies carry PINs and codes.
/// </summary>
internal sealed class TradeRepublicHttp(HttpClient http, TradeRepublicSettings settings, DeviceIdentity device)
{
    /// <summary>The most of an answer's body the daemon reads: Trade Republic's answers are a few KiB; more is refused, not buffered.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>The most of an answer's headers the daemon reads (KiB; SocketsHttpHandler's own default, said here so the error can name it).</summary>
    private const int MaxHeaderKilobytes = 64;

    public TradeRepublicSettings Settings => settings;

    /// <summary>A JSON body serialized with the source-generated Trade Republic context.</summary>
    public static HttpContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Sends <paramref name="request"/> and reads the answer as <paramref name="answer"/>.</summary>
    public async Task<T> SendAsync<T>(UpstreamRequest request, SessionCookies cookies, JsonTypeInfo<T> answer, CancellationToken cancellation)
    {
        var body = await SendAsync(request, cookies, cancellation);
        try
        {
            return JsonSerializer.Deserialize(body, answer) ?? throw new JsonException("the body is null");
        }
        catch (JsonException exception)
        {
            throw SessionFailure.UnexpectedAnswer(request.What, exception.Message);
        }
    }

    /// <summary>Sends <paramref name="request"/>, keeps the cookies it sets, and returns the body of a successful answer.</summary>
    public async Task<string> SendAsync(UpstreamRequest request, SessionCookies cookies, CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(settings.RequestTimeout);
        using var message = Build(request, cookies);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, limit.Token);
            cookies.Capture(response);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            throw UpstreamErrors.Map(request.Call, response.StatusCode, response.Headers.Server.ToString(), body, RetryAfterSeconds(response));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw SessionFailure.Timeout(request.What, settings.RequestTimeout);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw SessionFailure.AnswerTooLarge(request.What, $"{MaxAnswerBytes / (1024 * 1024)} MiB of body, {MaxHeaderKilobytes} KiB of headers");
        }
        catch (HttpRequestException exception)
        {
            throw SessionFailure.Unreachable(request.What, settings.ApiUrl.Authority, exception.HttpRequestError.ToString());
        }
    }

    private HttpRequestMessage Build(UpstreamRequest request, SessionCookies cookies)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(settings.ApiUrl, request.Path)) { Content = request.Body };
        message.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.WithV2Headers)
        {
            message.Headers.TryAddWithoutValidation("X-TR-Device-Info", device.HeaderValue(settings.Locale));
            message.Headers.TryAddWithoutValidation("X-TR-App-Version", settings.AppVersion);
            message.Headers.TryAddWithoutValidation("X-Tr-Platform", settings.Platform);
            message.Headers.TryAddWithoutValidation("Accept-Language", settings.Locale);
        }

        if (cookies.Header() is { } cookieHeader)
        {
            message.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }

        return message;
    }

    private static int? RetryAfterSeconds(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => UpstreamErrors.WaitSeconds(delta.TotalSeconds),
        { Date: { } date } => UpstreamErrors.WaitSeconds(Math.Max(0, (date - DateTimeOffset.UtcNow).TotalSeconds)),
        _ => null,
    };

    /// <summary>
    /// The handler every Trade Republic call shares: cookies are managed per session by <see cref="SessionCookies"/>;
    /// answers are read whole (<see cref="HttpCompletionOption.ResponseContentRead"/>) up to <see cref="MaxAnswerBytes"/>.
    /// </summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = MaxHeaderKilobytes,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxAnswerBytes,
    };
}
